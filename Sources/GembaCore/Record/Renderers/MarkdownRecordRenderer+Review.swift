/// The review half of the Markdown record: timeline, check results, evidence register,
/// integrity and sign-off, and the session log appendix.
extension MarkdownRecordRenderer {
  func checksAndEvidence(_ r: Record, into out: inout String) {
    out += "## Timeline\n\n"
    if r.events.isEmpty {
      out += "*No events.*\n\n"
    } else {
      MarkdownText.table(
        ["When", "Event", "Evidence"],
        r.events.map { e in
          [
            MarkdownText.inline(e.when), MarkdownText.inline(e.text),
            e.citations.map { MarkdownText.inline($0.reference) }.joined(separator: ", "),
          ]
        }, into: &out)
    }

    out += "## Check\n\n"
    let (errors, warnings) = r.checkCounts
    if r.checks.isEmpty {
      out += "No weaknesses found.\n\n"
    } else {
      out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"):\n\n"
      for c in r.checks { out += "- " + checkLine(c) + "\n" }
      out += "\n"
    }

    out += "## Evidence register\n\n"
    if r.evidence.isEmpty {
      out += "*No evidence loaded.*\n\n"
    } else {
      MarkdownText.table(
        ["Name", "Path", "Format", "Rows", "Columns", "Bytes", "Covers to", "SHA-256"],
        r.evidence.map { e in
          [
            MarkdownText.inline(e.name), MarkdownText.inline(e.path), MarkdownText.inline(e.format), String(e.rows),
            String(e.columns), String(e.bytes), e.coverageCell, MarkdownText.code(e.sha256),
          ]
        }, into: &out)
    }
  }

  func checkLine(_ c: Record.Check) -> String {
    "**\(c.severity)**" + (c.item.map { " · \(MarkdownText.inline($0))" } ?? "") + ": "
      + MarkdownText.inline(c.message) + " — " + MarkdownText.inline(c.advice)
  }

  /// Sign-offs sit beside the open check errors: errors block nothing, but an approver
  /// must see what they approved despite.
  func signoff(_ r: Record, into out: inout String) {
    out += "## Integrity and sign-off\n\n"
    out += "**Integrity:** \(MarkdownText.inline(r.integrity.line))\n\n"
    if r.signoffs.isEmpty {
      out += "*Not signed off.*\n\n"
    } else {
      let meanings = r.signoffs.contains { $0.meaning != nil }
      MarkdownText.table(
        ["Role", "Name"] + (meanings ? ["Meaning"] : [])
          + ["Signature", "Time", "Chain approved", "Cell", "Later cells"],
        r.signoffs.map { s in
          [MarkdownText.inline(s.role), MarkdownText.inline(s.name)]
            + (meanings
              ? [
                s.standing == .holds
                  ? MarkdownText.inline(s.meaning ?? "not stated")
                  : "**" + MarkdownText.inline(CorrectiveActionBlocks.meaningWords(s)) + "**"
              ] : [])
            + [
              MarkdownText.inline(Record.signatureWords(s)), MarkdownText.inline(s.time), MarkdownText.code(s.chain),
              String(s.cell), s.laterCells == 0 ? "none" : "\(s.laterCells) not covered by this sign-off",
            ]
        }, into: &out)
      // A broken sign-off is an alarm like a failed integrity line: what it approved was changed.
      for s in r.signoffs {
        if let words = s.brokenWords {
          out += "**Sign-off by \(MarkdownText.inline(s.name)): \(MarkdownText.inline(words))**\n\n"
        }
      }
    }
    let errors = r.checks.filter { $0.severity == "error" }
    if errors.isEmpty {
      out += "Check errors at export: none.\n\n"
    } else {
      out += "Check errors at export (shown, not blocking):\n\n"
      for c in errors { out += "- " + checkLine(c) + "\n" }
      out += "\n"
    }
  }

  func log(_ r: Record, into out: inout String) {
    out += "## Appendix: session log\n\n"
    guard !r.log.isEmpty else { out += "*No cells.*\n"; return }
    for cell in r.log {
      out += "**Cell \(cell.number)** · \(MarkdownText.inline(cell.time)) · chain \(MarkdownText.code(cell.chain))\n\n"
      out += MarkdownText.fenced(cell.command, info: "gemba")
      out += MarkdownText.fenced(cell.output, info: "output") + "\n"
    }
  }
}
