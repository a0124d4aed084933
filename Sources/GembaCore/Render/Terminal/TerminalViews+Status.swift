extension TerminalViews {
  /// How `status` starts its line on the evidence files, which depends on the files as they are
  /// when it runs: replay masks the line by this, and reports drift itself.
  static let integrityLead = "integrity: "
  /// What `status` adds under that line when sign-offs approved evidence that has changed since.
  static let signoffsPredateDrift =
    "the sign-offs above approved evidence as it was loaded; it has changed or gone since"

  /// `status`: the investigation on one screen: the problem, counts, what is still
  /// open, which actions are due, who signed off, and what `check` thinks of it.
  public static func status(_ inv: Investigation, style: TerminalStyle) -> String {
    status(inv, integrity: nil, style: style)
  }

  /// `status` with the line on the chain and the evidence (when the edge checked them).
  public static func status(_ inv: Investigation, integrity: IntegrityState?, style: TerminalStyle) -> String {
    let glyphs = Glyphs(style)
    let ink = Ink(style)
    let dot = " \(glyphs.dot) "
    // Label column: the headings line up so the screen reads as a form.
    func field(_ label: String, _ value: String) -> [String] {
      Text.wrap(value, to: max(20, style.width - 10)).enumerated().map { k, line in
        (k == 0 ? ink.bold(Text.pad(label, to: 10)) : String(repeating: " ", count: 10)) + line
      }
    }
    func oneLine(_ text: String) -> String {
      Text.truncate(
        text.split(separator: "\n").first.map(String.init) ?? "", to: style.width, ellipsis: glyphs.ellipsis)
    }

    var out = [ink.bold(oneLine(inv.title ?? "untitled investigation")), ""]
    if let identity = inv.caseIdentity {
      out += field("case", identity.named.map { "\($0.label) \($0.value)" }.joined(separator: dot))
    }
    if let problem = inv.problem {
      out += field("problem", problem.statement)
      out += field("expected", problem.expected ?? glyphs.dash)
      out += field("actual", problem.actual ?? glyphs.dash)
    } else {
      out += field("problem", "not stated yet: problem TEXT --expected TEXT --actual TEXT")
    }

    let judged = inv.whysInOrder + inv.causesInOrder
    let boneCount = inv.fishbone?.categories.count ?? 0
    out += field(
      "process",
      inv.steps.isEmpty
        ? "not laid out yet" : (inv.processName.map { $0 + ": " } ?? "") + counted(inv.steps.count, "step"))
    out += field("whys", counted(inv.whysInOrder.count, "why") + " in " + counted(inv.whyRoots.count, "tree"))
    out += field(
      "fishbone",
      inv.fishbone == nil ? "none yet" : counted(inv.causesInOrder.count, "cause") + " on " + counted(boneCount, "bone")
    )
    out += field(
      "causes",
      [
        "\(judged.filter { $0.status == .confirmed }.count) confirmed",
        "\(judged.filter { $0.status == .ruledOut }.count) ruled out",
        "\(judged.filter { $0.status == .hypothesis }.count) open",
        counted(judged.filter(\.isRoot).count, "root cause"),
      ].joined(separator: dot))
    let unplaced = inv.findings.filter { $0.location == nil }.count
    out += field(
      "findings", counted(inv.findings.count, "finding") + (unplaced == 0 ? "" : " (\(unplaced) at no step)"))
    let states: [Action.State] = [.open, .done, .effective, .notEffective]
    out += field(
      "actions",
      counted(inv.actions.count, "action") + ": "
        + states.map { state in
          "\(inv.actions.filter { $0.state == state }.count) \(state == .notEffective ? "not effective" : state.rawValue)"
        }.joined(separator: dot))

    let open = judged.filter { $0.status == .hypothesis }
    out += section(
      "open hypotheses",
      open.map { node in
        ink.paint(glyphs.mark(.hypothesis), .yellow) + " " + ink.id(node.id) + " "
          + Text.truncate(
            node.text, to: max(10, style.width - 4 - Text.width(glyphs.mark(.hypothesis)) - node.id.description.count),
            ellipsis: glyphs.ellipsis)
      }, ink: ink, glyphs: glyphs)

    out += section(
      "actions due",
      dueActions(inv).map { action in
        let date = Text.pad(action.due?.description ?? "no date", to: 10)
        let head = "\(date)  \(action.id)  "
        let tail = " (\(action.owner ?? "no owner"), \(action.state.rawValue))"
        // The action's text gives way first; on a very narrow screen, its owner and state too.
        let room = max(4, style.width - 2 - Text.width(head))
        let text =
          Text.width(action.text) + Text.width(tail) <= room || room - Text.width(tail) >= 12
          ? Text.truncate(action.text, to: room - Text.width(tail), ellipsis: glyphs.ellipsis) + ink.dim(tail)
          : Text.truncate(action.text + tail, to: room, ellipsis: glyphs.ellipsis)
        return (action.due == nil ? ink.paint(date, .red) : date) + "  " + ink.id(action.id) + "  " + text
      }, ink: ink, glyphs: glyphs)

    out += section(
      "sign-offs",
      inv.signoffs.map { s in
        "\(s.role): \(s.name)" + (s.meaning.map { " (\($0.rawValue))" } ?? "")
          + ink.dim("\(dot)\(s.time)\(dot)chain \(s.chain.prefix(16))")
      }, ink: ink, glyphs: glyphs, empty: "none yet")
    if let integrity {
      out.append("")
      // One line, never wrapped: replay recognises (and masks) it, since it reports drift itself.
      let line = Self.integrityLead + integrity.summary
      out.append(integrity.isClean ? line : ink.paint(line, .red))
      if !integrity.isClean && !inv.signoffs.isEmpty {
        out.append(ink.paint(Self.signoffsPredateDrift, .red))
      }
    }

    out.append("")
    let review = Check.review(inv)
    let summary = Check.summary(review, style: TerminalStyle(unicode: style.unicode, color: false, width: style.width))
    let details = "(run `check` for details)"
    out += Text.fill(
      [(summary, Check.summary(review, style: style))] + (review.isEmpty ? [] : [(details, ink.dim(details))]),
      separator: " ", width: style.width)
    return out.joined(separator: "\n")
  }

  /// Actions not yet shown to work, soonest due first; those with no date last.
  static func dueActions(_ inv: Investigation) -> [Action] {
    inv.actions.enumerated()
      .filter { $0.element.state != .effective }
      .sorted { a, b in
        switch (a.element.due, b.element.due) {
        case let (x?, y?) where x != y: x < y
        case (.some, nil): true
        case (nil, .some): false
        default: a.offset < b.offset
        }
      }
      .map(\.element)
  }

  /// A heading and at most `limit` lines under it, then how many more there are.
  static func section(
    _ title: String, _ lines: [String], ink: Ink, glyphs: Glyphs, empty: String = "none",
    limit: Int = 8
  ) -> [String] {
    var out = ["", ink.bold(title) + (lines.isEmpty ? "" : " (\(lines.count))")]
    guard !lines.isEmpty else { return out + ["  " + ink.dim(empty)] }
    out += lines.prefix(limit).map { "  " + $0 }
    if lines.count > limit { out.append("  " + ink.dim("\(glyphs.ellipsis) and \(lines.count - limit) more")) }
    return out
  }
}
