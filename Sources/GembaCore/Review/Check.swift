/// One weakness `check` found: the item it is about, what is wrong, and what a
/// good version looks like.
public struct CheckFinding: Sendable, Equatable {
  public enum Severity: String, Sendable, Codable, CaseIterable {
    /// The record should not be signed off like this; batch mode exits 1.
    case error
    /// Worth fixing or explaining before sign-off.
    case warning
  }
  public var severity: Severity
  /// The item it is about (nil: the investigation as a whole, e.g. the problem).
  public var item: ItemID?
  public var message: String
  /// What a good version looks like.
  public var advice: String

  public init(_ severity: Severity, _ item: ItemID?, _ message: String, advice: String) {
    self.severity = severity
    self.item = item
    self.message = message
    self.advice = advice
  }
}

/// `check`: the method review a quality manager would do before signing off.
///
/// It looks for the classic weaknesses of a root-cause investigation: blaming a
/// person instead of the process, conclusions without evidence, findings that are
/// not placed on the process, actions nobody owns or that only retrain, actions
/// never checked for effect, and why chains that stop before the process.
/// The rules are in `Check+Rules.swift`, their word lists in `Check+Words.swift`; whether a
/// sentence blames a person is `BlameDetector`'s to say.
public enum Check {
  /// Every weakness in `inv`: errors first, then warnings; within each, the
  /// investigation as a whole first, then items in the order they appear in the
  /// record (steps, whys, causes, findings, actions), then rule order.
  /// - Parameter time: the check's own time (its cell's, ISO-8601): the rules that read the clock
  ///   (an action overdue, a review missed) run only when it is given; the core reads no clock.
  public static func review(_ inv: Investigation, at time: String? = nil) -> [CheckFinding] {
    var found = (rules + correctiveRules).flatMap { $0(inv) }
    if let today = time.flatMap({ CalendarDate(String($0.prefix(10))) }) {
      found += clockRules.flatMap { $0(inv, today) }
    }
    var rank: [ItemID: Int] = [:]
    for (i, id) in inv.allIDs.enumerated() where rank[id] == nil { rank[id] = i }
    func order(_ finding: CheckFinding) -> (Int, Int) {
      (finding.severity == .error ? 0 : 1, finding.item.map { rank[$0] ?? Int.max } ?? -1)
    }
    return found.enumerated()
      .sorted { a, b in
        let (x, y) = (order(a.element), order(b.element))
        return x != y ? x < y : a.offset < b.offset
      }
      .map(\.element)
  }

  /// The counts line: `check: 2 errors, 1 warning`, or that it is clean.
  public static func summary(_ findings: [CheckFinding], style: TerminalStyle) -> String {
    let ink = TerminalViews.Ink(style)
    let dash = TerminalViews.Glyphs(style).dash
    guard !findings.isEmpty else { return "check: " + ink.paint("clean", .green) + " \(dash) no weaknesses found" }
    let errors = findings.filter { $0.severity == .error }.count
    let warnings = findings.count - errors
    let e = counted(errors, "error")
    let w = counted(warnings, "warning")
    return "check: " + (errors > 0 ? ink.paint(e, .boldRed) : e) + ", " + (warnings > 0 ? ink.paint(w, .boldYellow) : w)
  }

  /// The review as the terminal and the notebook show it: one line per finding,
  /// grouped by severity, each with its advice under it, and the counts at the end.
  ///
  /// ```
  /// error    C3  root cause blames a person: "The operator" "forgot to torque"
  ///              → name what in the process made it likely …
  ///
  /// warning  F2  finding is at no process step
  ///              → record it where the gap appears: --step S2, or --step S2>S3
  ///
  /// check: 1 error, 1 warning
  /// ```
  public static func render(_ findings: [CheckFinding], style: TerminalStyle) -> String {
    let summary = self.summary(findings, style: style)
    guard !findings.isEmpty else { return summary }
    let ink = TerminalViews.Ink(style)
    let glyphs = TerminalViews.Glyphs(style)
    let severityWidth = findings.map(\.severity.rawValue.count).max() ?? 0
    let idWidth = findings.map { $0.item?.description.count ?? 1 }.max() ?? 1
    let column = severityWidth + 2 + idWidth + 2
    let room = max(20, style.width - column)
    let indent = String(repeating: " ", count: column)

    var out: [String] = []
    var previous: CheckFinding.Severity?
    for finding in findings {
      if let previous, previous != finding.severity { out.append("") }
      previous = finding.severity
      let tone: TerminalViews.Ink.Tone = finding.severity == .error ? .boldRed : .boldYellow
      let severity = TerminalViews.Text.pad(ink.paint(finding.severity.rawValue, tone), to: severityWidth)
      let id = TerminalViews.Text.pad(ink.bold(finding.item?.description ?? glyphs.dash), to: idWidth)
      let message = TerminalViews.Text.wrap(finding.message, to: room)
      out.append(severity + "  " + id + "  " + message[0])
      out += message.dropFirst().map { indent + $0 }
      let arrow = glyphs.arrow + " "
      let advice = TerminalViews.Text.wrap(finding.advice, to: room - TerminalViews.Text.width(arrow))
      out += advice.enumerated().map { k, line in
        indent + (k == 0 ? ink.paint(arrow, .cyan) : String(repeating: " ", count: TerminalViews.Text.width(arrow)))
          + line
      }
    }
    out.append("")
    out.append(summary)
    return out.joined(separator: "\n")
  }
}
