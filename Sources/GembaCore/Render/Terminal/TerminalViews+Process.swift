extension TerminalViews {
  /// `process`: the flow of steps, then the findings located at each step and handoff.
  ///
  /// ```
  /// process Refund request · 3 steps, 2 findings
  /// S1 intake → S2 policy lookup ●1 → S3 answer
  ///
  /// S1 intake · no findings
  /// S2 policy lookup · 1 finding
  ///    F1 The wiki and the macro disagree
  /// S2>S3 handoff policy lookup → answer · 1 finding
  ///    F2 The answer is sent without the policy link
  /// S3 answer · no findings
  /// ```
  /// A step with findings carries `●N` in the flow; a handoff with findings shows it on its arrow.
  public static func process(_ inv: Investigation, style: TerminalStyle) -> String {
    guard !inv.steps.isEmpty else {
      let loose = inv.findings.isEmpty ? "" : "\n" + counted(inv.findings.count, "finding") + " at no step yet"
      return "no process yet: process NAME STEP..." + loose
    }
    let glyphs = Glyphs(style)
    let ink = Ink(style)
    var out = headline(
      "process" + (inv.processName.map { " " + $0 } ?? ""),
      ["\(counted(inv.steps.count, "step")), \(counted(inv.findings.count, "finding"))"], style: style)
    out += flow(inv, style: style)
    out.append("")

    let room = max(20, style.width - 3)
    func located(_ found: [Finding]) -> [String] {
      found.flatMap { finding in
        Text.wrap(finding.id.description + " " + finding.text, to: room).enumerated().map { k, line in
          "   " + (k == 0 ? ink.id(finding.id) + String(line.dropFirst(finding.id.description.count)) : line)
        }
      }
    }
    // A step with findings stands out (bold yellow); one without is dim.
    func heading(_ label: String, _ found: [Finding]) -> String {
      let tail = " \(glyphs.dot) " + (found.isEmpty ? "no findings" : counted(found.count, "finding"))
      let label = Text.truncate(label, to: max(10, style.width - Text.width(tail)), ellipsis: glyphs.ellipsis)
      return found.isEmpty ? ink.dim(label + tail) : ink.paint(label, .boldYellow) + tail
    }

    for step in inv.steps {
      let owner = step.owner.map { " (owner: \($0))" } ?? ""
      let here = inv.findings.filter { $0.location == .step(step.id) }
      out.append(heading("\(step.id) \(step.name)\(owner)", here))
      out += located(here)
      // Handoffs out of this step, in the order of the step they lead to.
      for target in inv.steps {
        let there = inv.findings.filter { $0.location == .handoff(step.id, target.id) }
        guard !there.isEmpty else { continue }
        out.append(heading("\(step.id)>\(target.id) handoff \(step.name) \(glyphs.arrow) \(target.name)", there))
        out += located(there)
      }
    }
    let nowhere = inv.findings.filter { $0.location == nil }
    if !nowhere.isEmpty {
      out.append(ink.paint("at no step", .boldYellow) + " \(glyphs.dot) " + counted(nowhere.count, "finding"))
      out += located(nowhere)
    }
    return out.joined(separator: "\n")
  }

  /// The steps joined by arrows, wrapped to the width; counts of findings marked.
  static func flow(_ inv: Investigation, style: TerminalStyle) -> [String] {
    let glyphs = Glyphs(style)
    let ink = Ink(style)
    // Each piece: plain text for measuring and the painted text to print.
    var pieces: [(plain: String, painted: String)] = []
    for (i, step) in inv.steps.enumerated() {
      if i > 0 {
        let previous = inv.steps[i - 1].id
        let n = inv.findings.filter { $0.location == .handoff(previous, step.id) }.count
        let arrow = n == 0 ? glyphs.arrow : "\(glyphs.horizontal)\(glyphs.bullet)\(n)\(glyphs.arrow)"
        pieces.append((arrow, n == 0 ? arrow : ink.paint(arrow, .boldYellow)))
      }
      let n = inv.findings.filter { $0.location == .step(step.id) }.count
      let name = Text.truncate(step.name, to: max(8, style.width / 2), ellipsis: glyphs.ellipsis)
      let plain = "\(step.id) \(name)" + (n == 0 ? "" : " \(glyphs.bullet)\(n)")
      let painted =
        n == 0
        ? ink.id(step.id) + " " + name
        : ink.paint("\(step.id) \(name) \(glyphs.bullet)\(n)", .boldYellow)
      pieces.append((plain, painted))
    }
    return Text.fill(pieces, separator: " ", width: style.width)
  }
}
