/// The review half of the HTML record: findings, actions, timeline, check results,
/// evidence register, integrity and sign-off, and the session log.
extension HTMLRecordRenderer {
  /// A table whose cells are already HTML; an empty cell shows `—`.
  /// Columns in `nowrap` (ids, dates, cadences, states) carry the `nw` class: never broken.
  func table(_ header: [String], _ rows: [[String]], nowrap: Set<Int> = [], into out: inout String) {
    func cls(_ i: Int) -> String { nowrap.contains(i) ? " class=\"nw\"" : "" }
    out +=
      "<div class=\"scroll\"><table>\n<thead><tr>"
      + header.enumerated().map { "<th scope=\"col\"\(cls($0))>\($1)</th>" }.joined()
      + "</tr></thead>\n<tbody>\n"
    for row in rows {
      out += "<tr>" + row.enumerated().map { "<td\(cls($0))>\($1.isEmpty ? "—" : $1)</td>" }.joined() + "</tr>\n"
    }
    out += "</tbody>\n</table></div>\n"
  }

  func code(_ text: String) -> String { "<code>\(HTMLText.escape(text))</code>" }

  func findings(_ r: Record, into out: inout String) {
    open("findings", into: &out)
    guard !r.findings.isEmpty else { out += none("No findings."); return }
    table(
      ["Finding", "Text", "At", "Causes", "Evidence", "Actions"],
      r.findings.map { f in
        [
          code(f.id), t(f.text), t(f.location?.text ?? "no step"), HTMLText.escape(f.causes.joined(separator: ", ")),
          f.citations.map { code($0.reference) }.joined(separator: ", "),
          HTMLText.escape(f.actions.joined(separator: ", ")),
        ]
      }, nowrap: [0, 5], into: &out)
    for f in r.findings where !f.citations.isEmpty {
      out += "<h3>\(code(f.id)) evidence</h3>\n"
      citations(f.citations, into: &out)
    }
    out += "</section>\n"
  }

  func actions(_ r: Record, into out: inout String) {
    open("actions", into: &out)
    guard !r.actions.isEmpty else { out += none("No actions."); return }
    table(
      ["Action", "Finding", "What", "Owner", "Due", "Review", "Standard", "State", "Outcome"],
      r.actions.map { a in
        [
          code(a.id), code(a.finding), t(a.text), t(a.owner), t(a.due), t(a.review), t(a.standard), t(a.state.rawValue),
          t([a.doneNote, a.outcome].compactMap { $0 }.joined(separator: " — ")),
        ]
      }, nowrap: [0, 1, 4, 5, 7], into: &out)
    let planned = CorrectiveActionBlocks.plannedChecks(r)
    if !planned.isEmpty {
      out += "<h3>Planned checks and verdicts</h3>\n"
      planned.forEach { ReportHTML().block($0, into: &out) }
    }
    for a in r.actions where !a.outcomeCitations.isEmpty {
      out += "<h3>\(code(a.id)) effect evidence</h3>\n"
      citations(a.outcomeCitations, into: &out)
    }
    out += "</section>\n"
  }

  func timeline(_ r: Record, into out: inout String) {
    open("timeline", into: &out)
    guard !r.events.isEmpty else { out += none("No events."); return }
    table(
      ["When", "Event", "Evidence"],
      r.events.map { [t($0.when), t($0.text), $0.citations.map { code($0.reference) }.joined(separator: ", ")] },
      nowrap: [0], into: &out)
    out += "</section>\n"
  }

  func checkItem(_ c: Record.Check) -> String {
    "<li><span class=\"sev-\(c.severity == "error" ? "error" : "warning")\">\(HTMLText.escape(c.severity))</span>"
      + (c.item.map { " \(code($0))" } ?? "")
      + ": \(HTMLText.markedText(c.message)) — \(HTMLText.markedText(c.advice))</li>\n"
  }

  func checks(_ r: Record, into out: inout String) {
    open("check", into: &out)
    guard !r.checks.isEmpty else { out += "<p>No weaknesses found.</p>\n</section>\n"; return }
    let (errors, warnings) = r.checkCounts
    out += "<p>\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"):</p>\n<ul>\n"
    r.checks.forEach { out += checkItem($0) }
    out += "</ul>\n</section>\n"
  }

  func evidence(_ r: Record, into out: inout String) {
    open("evidence-register", into: &out)
    guard !r.evidence.isEmpty else { out += none("No evidence loaded."); return }
    table(
      ["Name", "Path", "Format", "Rows", "Columns", "Bytes", "Covers to", "SHA-256"],
      r.evidence.map { e in
        [
          t(e.name), t(e.path), t(e.format), String(e.rows), String(e.columns), String(e.bytes), t(e.coverageCell),
          "<code class=\"hash\">\(HTMLText.escape(e.sha256))</code>",
        ]
      }, nowrap: [2, 3, 4, 5, 6], into: &out)
    out += "</section>\n"
  }

  /// Sign-offs beside the open check errors: errors block nothing, but are in plain view.
  func signoff(_ r: Record, into out: inout String) {
    open("integrity-and-sign-off", into: &out)
    out += "<p class=\"integrity\(r.integrity.verified ? "" : " failed")\">Integrity: \(t(r.integrity.line))</p>\n"
    if r.signoffs.isEmpty {
      out += "<p class=\"none\">Not signed off.</p>\n"
    } else {
      let meanings = r.signoffs.contains { $0.meaning != nil }
      table(
        ["Role", "Name"] + (meanings ? ["Meaning"] : [])
          + ["Signature", "Time", "Chain approved", "Cell", "Later cells"],
        r.signoffs.map { s in
          [t(s.role), t(s.name)]
            + (meanings
              ? [
                s.standing == .holds
                  ? t(s.meaning ?? "not stated")
                  : "<span class=\"integrity failed\">\(t(CorrectiveActionBlocks.meaningWords(s)))</span>"
              ] : []) + [
              t(Record.signatureWords(s)), t(s.time), code(s.chain), String(s.cell),
              s.laterCells == 0 ? "none" : "\(s.laterCells) not covered by this sign-off",
            ]
        }, nowrap: meanings ? [2, 4, 5, 6] : [3, 4, 5], into: &out)
      // A broken sign-off is an alarm like a failed integrity line: what it approved was changed.
      for s in r.signoffs {
        if let words = s.brokenWords {
          out += "<p class=\"integrity failed\">Sign-off by \(t(s.name)): \(t(words))</p>\n"
        }
      }
    }
    let errors = r.checks.filter { $0.severity == "error" }
    if errors.isEmpty {
      out += "<p>Check errors at export: none.</p>\n"
    } else {
      out += "<p>Check errors at export (shown, not blocking):</p>\n<ul>\n"
      errors.forEach { out += checkItem($0) }
      out += "</ul>\n"
    }
    out += "</section>\n"
  }

  func log(_ r: Record, into out: inout String) {
    open("appendix-session-log", into: &out)
    guard !r.log.isEmpty else { out += none("No cells."); return }
    for cell in r.log {
      out +=
        "<div class=\"cell\" id=\"cell-\(cell.number)\"><p class=\"cell-head\">Cell \(cell.number) · \(HTMLText.escape(cell.time))"
      out += " · chain \(code(cell.chain))</p>\n<pre class=\"command\">"
      HTMLText.escape(cell.command, into: &out)
      out += "</pre>\n<pre class=\"output\">"
      HTMLText.escape(cell.output, into: &out)
      out += "</pre></div>\n"
    }
    out += "</section>\n"
  }
}
