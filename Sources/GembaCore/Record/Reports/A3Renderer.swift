/// The A3 report: one landscape A3 sheet (background, current condition with its chart,
/// target, root-cause analysis, countermeasures, plan, follow-up) as HTML to print.
///
/// The sheet is a fixed grid in millimetres, the same on paper as drawn and scaled to the
/// window on screen. Each box knows its room (`Room`: lines of so many characters at the
/// sheet's type size) and fills it with whole items, every text in full: what does not fit
/// is counted, with the record's section that holds it, so nothing is cut mid-word and the
/// page never grows a second sheet. What is missing says MISSING.
public struct A3Renderer: RecordRenderer {
  /// The paper the sheet is scaled onto; nil prints it on A3 landscape as drawn.
  public var paper: Paper?

  public init(paper: Paper? = nil) { self.paper = paper }

  public func render(_ r: Record) -> String {
    var out =
      HTMLRecordRenderer.pageHead(
        title: "A3: " + r.title, generator: "gemba A3 v\(r.version)", css: A3Style.css(paper: paper))
      + "<body>\n<div class=\"sheet\">\n"
    header(r, into: &out)
    box("bg", "1 Background", background(r), into: &out)
    box("tgt", "3 Target", target(r), into: &out)
    box("cur", "2 Current condition", current(r), into: &out)
    box("rca", "4 Root-cause analysis", analysis(r), into: &out)
    box("cm", "5 Countermeasures", countermeasures(r), into: &out)
    box("plan", "6 Plan", plan(r), into: &out)
    box("fu", "7 Follow-up", followUp(r), into: &out)
    out += "</div>\n</body>\n</html>\n"
    return out
  }

  // MARK: - Room (what each box holds at the sheet's type size; the grid is in A3Style)

  /// The room left in a box: lines of `chars` characters of 8.5 pt text. Estimates err on the
  /// full side (a narrow average character, a line more per item), so a box that is told an item
  /// fits has the room for it.
  struct Room {
    var lines: Double
    let chars: Int

    /// Lines `text` takes at `width` characters a line.
    static func lines(_ text: String, _ width: Int) -> Double {
      max(1, (Double(text.count) / Double(max(8, width))).rounded(.up))
    }

    /// Takes `lines` if they fit.
    mutating func take(_ lines: Double) -> Bool {
      guard lines <= self.lines else { return false }
      self.lines -= lines
      return true
    }
  }

  /// The boxes' rooms, from A3Style's grid (rows of 52, about 117 and 84 mm under the header):
  /// quarter boxes ≈ 90 mm of text (55 characters), half boxes ≈ 190 mm (118); a line of 8.5 pt
  /// at 1.3 leading is 3.9 mm, and a box's heading and padding take about 9 mm.
  static let quarter = 55
  static let half = 118
  static func room(_ area: String) -> Room {
    switch area {
    case "bg", "tgt": Room(lines: 10, chars: quarter)
    case "cm", "plan": Room(lines: 41, chars: quarter)
    case "cur": Room(lines: 28.5, chars: half)
    default: Room(lines: 19, chars: half)  // rca, fu
    }
  }

  func missing(_ text: String) -> String {
    "<p class=\"missing\"><strong>MISSING:</strong> \(HTMLText.escape(text))</p>\n"
  }

  /// Whole items while they fit (each costs what `cost` says), then how many are left out and the
  /// record's section that holds them; one line is kept back for that note.
  func fitted<T>(
    _ items: [T], in room: inout Room, section: String, cost: (T) -> Double, _ draw: (T) -> String
  ) -> String {
    var out = ""
    var shown = 0
    for (i, item) in items.enumerated() {
      let reserve = i == items.count - 1 ? 0 : 1.0
      guard cost(item) + reserve <= room.lines else { break }
      _ = room.take(cost(item))
      out += draw(item)
      shown += 1
    }
    if shown < items.count { out += more(items.count - shown, section) }
    return out
  }

  func more(_ n: Int, _ section: String) -> String {
    "<p class=\"more\">… \(n) more not shown: see the record, section “\(HTMLText.escape(section))”</p>\n"
  }

  func box(_ area: String, _ title: String, _ body: String, into out: inout String) {
    out += "<section class=\"box \(area)\">\n<h2>\(title)</h2>\n\(body)</section>\n"
  }

  func t(_ text: String) -> String { HTMLText.text(text) }

  // MARK: - Boxes

  func header(_ r: Record, into out: inout String) {
    let team = r.team ?? []
    let leaders = team.filter { $0.role == "leader" || $0.role == "champion" }
    out += "<header class=\"head\">\n<h1>\(t("A3 · " + r.title))</h1>\n<p class=\"meta\">"
    out +=
      leaders.isEmpty
      ? "Team: <span class=\"missing\">MISSING</span>"
      : "Team: " + t(leaders.map { "\($0.name) (\($0.role))" }.joined(separator: ", "))
        + (team.count > leaders.count ? " + \(team.count - leaders.count) more (see the record, section “Team”)" : "")
    out +=
      " · generated <span class=\"nw\">\(HTMLText.escape(r.generatedAt))</span>"
      + (r.progress.map { " · status \(HTMLText.escape($0.status.words))" } ?? "")
      + (r.caseIdentity.map { c in
        [c.number, c.customer, c.part].compactMap { $0 }.isEmpty
          ? "" : " · " + t([c.number, c.customer, c.part].compactMap { $0 }.joined(separator: " · "))
      } ?? "")
    // A failed integrity line is never cut: the alarm is the point of it.
    out +=
      r.integrity.verified
      ? " · <span class=\"integrity\">\(t(r.integrity.line))</span></p>\n"
      : "</p>\n<p class=\"integrity failed\">Integrity: \(HTMLText.text(r.integrity.line))</p>\n"
    for s in r.signoffs {
      if let words = s.brokenWords {
        out += "<p class=\"integrity failed\">Sign-off by \(HTMLText.text(s.name)): \(HTMLText.text(words))</p>\n"
      }
    }
    out += "</header>\n"
  }

  func background(_ r: Record) -> String {
    var room = Self.room("bg")
    let chars = room.chars
    var out = ""
    if let p = r.problem {
      _ = room.take(Room.lines("Problem: " + p.statement, chars))
      out += "<p><strong>Problem:</strong> \(t(p.statement))</p>\n"
    } else {
      _ = room.take(1)
      out += missing("no problem statement")
    }
    if let name = r.process.name {
      _ = room.take(Room.lines("Process: \(name) (n steps)", chars))
      out += "<p><strong>Process:</strong> \(t(name))" + " (\(r.process.steps.count) steps)</p>\n"
    }
    if let boundaries = r.boundaries {
      _ = room.take(1.2)  // the table's header
      // Three columns: a dimension, then two texts of about 40 % of the box each.
      let column = Int(Double(chars) * 0.38)
      let rows = fitted(
        boundaries, in: &room, section: "Problem",
        cost: { max(Room.lines($0.is, column), Room.lines($0.isNot, column)) + 0.3 }
      ) { b in
        "<tr><th scope=\"row\" class=\"nw\">\(HTMLText.escape(b.dimension))</th><td>\(t(b.is))</td><td>\(t(b.isNot))</td></tr>\n"
      }
      out += "<table class=\"isnot\"><tr><td></td><th scope=\"col\">Is</th><th scope=\"col\">Is not</th></tr>\n"
      let parts = rows.components(separatedBy: "<p class=\"more\">")
      out += parts[0] + "</table>\n" + (parts.count > 1 ? "<p class=\"more\">" + parts[1] : "")
    } else {
      out += missing("no is / is-not boundaries")
    }
    return out
  }

  func target(_ r: Record) -> String {
    var room = Self.room("tgt")
    let chars = room.chars
    var out = ""
    if let expected = r.problem?.expected {
      // The goal is set at 11 pt: fewer characters a line.
      _ = room.take(Room.lines(expected, chars * 3 / 4) * 1.3)
      out += "<p class=\"goal\">\(t(expected))</p>\n"
    } else {
      _ = room.take(1)
      out += missing("no expected performance stated")
    }
    if let actual = r.problem?.actual {
      _ = room.take(Room.lines("Now: " + actual, chars))
      out += "<p><strong>Now:</strong> \(t(actual))</p>\n"
    }
    let planned = r.actions.compactMap { a in a.plannedCheck.map { (id: a.id, check: $0) } }
    if planned.isEmpty {
      out += missing("no action has a planned check with a target")
    } else {
      out +=
        "<ul>"
        + fitted(
          planned, in: &room, section: "Actions",
          cost: {
            Room.lines("\($0.id) \($0.check.target) after \($0.check.after)\($0.check.afterTheFact)", chars) + 0.2
          }
        ) { p in
          "<li><span class=\"id\">\(p.id)</span>\(t(p.check.target)) after <span class=\"nw\">\(p.check.after)</span>\(p.check.afterTheFact)</li>"
        } + "</ul>\n"
    }
    return out
  }

  /// The first cited Pareto or control chart (else any cited chart), in the record's order.
  static func firstChart(_ r: Record) -> (chart: Record.Chart, citation: Record.Citation)? {
    let citations =
      r.allNodes.flatMap(\.citations) + r.findings.flatMap(\.citations) + (r.containments ?? []).flatMap(\.citations)
      + r.actions.flatMap(\.outcomeCitations) + r.events.flatMap(\.citations)
    let charted = citations.compactMap { c in c.chart.map { ($0, c) } }
    return charted.first { [.pareto, .control].contains($0.0.kind) } ?? charted.first
  }

  /// The height an SVG's `viewBox` asks for at `width` millimetres wide, in lines of the box's text.
  static func lines(ofSVG svg: String, widthMM: Double) -> Double {
    guard let start = svg.range(of: "viewBox=\"") else { return 0 }
    let numbers = svg[start.upperBound...].prefix { $0 != "\"" }.split(separator: " ").compactMap { Double($0) }
    guard numbers.count == 4, numbers[2] > 0 else { return 0 }
    return (widthMM * numbers[3] / numbers[2] / 3.9).rounded(.up)
  }

  func current(_ r: Record) -> String {
    var room = Self.room("cur")
    let chars = room.chars
    var out = ""
    if let (chart, citation) = Self.firstChart(r) {
      var main = chart
      main.spread = nil  // the sheet has room for the chart itself, not its range chart
      let svg = ChartSVG.render(main)
      // A3Style caps the chart at 180 mm wide: its 11 px labels print at 7.4 pt.
      _ = room.take(
        Self.lines(ofSVG: svg, widthMM: 180) + Room.lines(citation.reference + (citation.note ?? ""), chars))
      out += "<figure>" + svg + "<figcaption><code>\(HTMLText.escape(citation.reference))</code>"
      out += citation.note.map { ": " + t($0) } ?? ""
      out += "</figcaption></figure>\n"
    } else {
      _ = room.take(1)
      out += missing("no cited chart (cite a query ending in pareto or spc)")
    }
    if r.findings.isEmpty {
      out += missing("no findings")
    } else {
      out +=
        "<ul>"
        + fitted(
          r.findings, in: &room, section: "Findings",
          cost: { Room.lines("\($0.id) \($0.text) (\($0.location?.label ?? ""))", chars) + 0.2 }
        ) { f in
          "<li><span class=\"id\">\(f.id)</span>\(t(f.text))"
            + (f.location.map { " <span class=\"meta\">(\(t($0.label)))</span>" } ?? "") + "</li>"
        } + "</ul>\n"
    }
    return out
  }

  /// A why chain as the sentence it is: "W1 … because W1.1 … because …".
  static func whySentence(_ chain: [Record.Node]) -> String {
    chain.enumerated().map { i, node in
      (i == 0 ? "" : " <em>because</em> ") + "<span class=\"id\">\(HTMLText.escape(node.id))</span>"
        + HTMLText.text(node.text)
    }.joined()
  }

  func analysis(_ r: Record) -> String {
    var room = Self.room("rca")
    let chars = room.chars
    var out = ""
    let roots = r.occurrenceNodes.filter(\.root)
    if roots.isEmpty {
      _ = room.take(1)
      out += missing("no root cause confirmed")
    }
    let fishboneLines = r.fishbone.map { f in 1 + Room.lines(Self.boneCounts(f), chars) } ?? 0
    let escapeLines = Double((r.escapes ?? []).prefix(2).count) * 2 + 2
    room.lines -= fishboneLines + escapeLines
    out += fitted(
      roots, in: &room, section: "Root causes",
      cost: { root in
        let chain = EightDReport.whyChain(to: root.id, in: r)
        return Room.lines(root.id + root.text + " confirmed · root cause", chars)
          + (chain.count > 1 ? Room.lines(chain.map { $0.id + " " + $0.text + " because " }.joined(), chars) : 0)
          + Room.lines("Evidence: " + root.citations.map(\.reference).joined(separator: "; "), chars) + 0.4
      }
    ) { root in
      let chain = EightDReport.whyChain(to: root.id, in: r)
      var item = "<div class=\"root\"><p><span class=\"id\">\(root.id)</span><strong>\(t(root.text))</strong>"
      item += " <span class=\"badge\">\(HTMLText.escape(root.statusText))</span></p>\n"
      if chain.count > 1 { item += "<p class=\"why\">Why: \(Self.whySentence(chain))</p>\n" }
      item +=
        root.citations.isEmpty
        ? "<p class=\"missing\">MISSING: no evidence cited</p>\n"
        : "<p class=\"meta\">Evidence: \(t(root.citations.map(\.reference).joined(separator: "; ")))</p>\n"
      return item + "</div>\n"
    }
    room.lines += fishboneLines + escapeLines
    if let f = r.fishbone {
      // One line of counts for the bones that hold causes: an empty bone says nothing on the sheet.
      out += "<h3>Fishbone: \(t(f.effect))</h3>\n<p class=\"bones\">\(t(Self.boneCounts(f)))</p>\n"
    }
    if let escapes = r.escapes {
      out +=
        "<h3>Escape point</h3>\n"
        + fitted(escapes, in: &room, section: "Escape points", cost: { _ in 2 }) { e in
          "<p><span class=\"id\">\(e.id)</span>\(t(e.text))"
            + (e.step.map { " <span class=\"meta\">at \($0)</span>" } ?? "")
            + (e.whys.first.map { " <em>because</em> " + t($0.text) } ?? "") + "</p>\n"
        }
    } else {
      out += missing("no escape point recorded")
    }
    return out
  }

  /// "Method 2 (2 confirmed) · Manpower 2 (2 ruled out)": each bone with causes, and its counts.
  static func boneCounts(_ f: Record.Fishbone) -> String {
    let bones = f.bones.filter { !$0.causes.isEmpty }
    guard !bones.isEmpty else { return "no causes on any bone" }
    return bones.map { bone in
      let nodes = bone.causes.flatMap(EightDReport.flatten)
      let confirmedCount = nodes.filter { $0.status == .confirmed }.count
      let ruledOutCount = nodes.filter { $0.status == .ruledOut }.count
      let parts = [
        confirmedCount > 0 ? "\(confirmedCount) confirmed" : nil,
        ruledOutCount > 0 ? "\(ruledOutCount) ruled out" : nil,
      ]
      .compactMap { $0 }
      return "\(bone.name) \(nodes.count)" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }.joined(separator: " · ")
  }

  func countermeasures(_ r: Record) -> String {
    var room = Self.room("cm")
    let chars = room.chars
    var out = "<h3>Containment</h3>\n"
    _ = room.take(3)  // the two sub-headings
    if let containments = r.containments {
      out +=
        "<ul>"
        + fitted(
          containments, in: &room, section: "Containment",
          cost: { Room.lines("\($0.id) \($0.text) \($0.state.rawValue)", chars) + 0.2 }
        ) { k in
          "<li><span class=\"id\">\(k.id)</span>\(t(k.text)) <span class=\"badge\">\(k.state.rawValue)</span></li>"
        } + "</ul>\n"
    } else {
      out += missing("no containment recorded")
    }
    out += "<h3>Permanent</h3>\n"
    if r.actions.isEmpty { return out + missing("no corrective action recorded") }
    func causes(_ a: Record.Action) -> [String] { r.finding(a.finding)?.causes ?? [] }
    out +=
      "<ul>"
      + fitted(
        r.actions, in: &room, section: "Actions",
        cost: { a in
          Room.lines("\(a.id) \(a.text) (for \(causes(a).joined(separator: ", ")))", chars)
            + (a.standard.map { Room.lines("Standard (proposed): " + $0, chars) } ?? 0) + 0.2
        }
      ) { a in
        var item = "<li><span class=\"id\">\(a.id)</span>\(t(a.text))"
        let causes = causes(a)
        item +=
          causes.isEmpty ? "" : " <span class=\"meta\">(for \(HTMLText.escape(causes.joined(separator: ", "))))</span>"
        if let standard = a.standard {
          item +=
            "<br><span class=\"meta\">Standard (\(a.isReleased ? "released" : "proposed")): \(t(standard))</span>"
        }
        return item + "</li>"
      } + "</ul>\n"
    return out
  }

  func plan(_ r: Record) -> String {
    guard !r.actions.isEmpty || r.containments != nil else { return missing("nothing planned") }
    var room = Self.room("plan")
    let chars = room.chars
    _ = room.take(1.3)  // the table's header
    let rows: [(id: String, what: String, owner: String?, due: String?, state: String)] =
      (r.containments ?? []).map { ($0.id, $0.text, $0.owner, $0.due, $0.state.rawValue) }
      + r.actions.map { ($0.id, $0.text, $0.owner, $0.due, $0.state.rawValue) }
    // The columns' shares are fixed in A3Style (what 36 %, owner 18 %), less a cell's padding.
    let what = chars * 32 / 100
    let owner = chars * 15 / 100
    let body = fitted(
      rows, in: &room, section: "Actions",
      cost: { max(Room.lines($0.what, what), Room.lines($0.owner ?? "", owner)) + 0.3 }
    ) { row in
      "<tr><th scope=\"row\" class=\"nw id\">\(row.id)</th><td>\(t(row.what))</td><td>\(row.owner.map { t($0) } ?? "<span class=\"missing\">MISSING</span>")</td>"
        + "<td class=\"nw\">\(row.due.map(HTMLText.escape) ?? "<span class=\"missing\">MISSING</span>")</td><td class=\"nw\">\(HTMLText.escape(row.state))</td></tr>\n"
    }
    let parts = body.components(separatedBy: "<p class=\"more\">")
    return
      "<table class=\"plan\"><tr><th scope=\"col\">Id</th><th scope=\"col\">What</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">State</th></tr>\n"
      + parts[0] + "</table>\n" + (parts.count > 1 ? "<p class=\"more\">" + parts[1] : "")
  }

  func followUp(_ r: Record) -> String {
    if r.actions.isEmpty { return missing("no action to follow up") }
    var room = Self.room("fu")
    let chars = room.chars
    _ = room.take(1.3 + 3)  // the table's header, and the sign-off line below it
    let checkWidth = chars * 30 / 100
    let seenWidth = chars * 25 / 100
    func check(_ a: Record.Action) -> String {
      // No check planned: the evidence it was judged on, said as such; neither: missing.
      a.plannedCheck.map { $0.query + " · target " + $0.target }
        ?? a.outcomeCitations.first.map { "judged on " + $0.reference + " (no target planned)" } ?? ""
    }
    let body = fitted(
      r.actions, in: &room, section: "Checks",
      cost: { a in
        max(Room.lines(check(a), checkWidth), Room.lines(a.judgement?.seen ?? a.outcome ?? "", seenWidth))
          + 0.3
      }
    ) { a in
      let text = check(a)
      return
        "<tr><th scope=\"row\" class=\"nw id\">\(a.id)</th><td>\(text.isEmpty ? "<span class=\"missing\">MISSING</span>" : t(text))</td><td class=\"nw\">\(a.plannedCheck.map { HTMLText.escape($0.after + $0.afterTheFact) } ?? "—")</td>"
        + "<td class=\"nw\">\(HTMLText.escape(a.verdict ?? "not judged"))</td><td>\(t(a.judgement?.seen ?? a.outcome ?? ""))</td>"
        + "<td class=\"nw\">\(a.review.map(HTMLText.escape) ?? "<span class=\"missing\">MISSING</span>")</td></tr>\n"
    }
    let parts = body.components(separatedBy: "<p class=\"more\">")
    var out =
      "<table class=\"checks\"><tr><th scope=\"col\">Action</th><th scope=\"col\">Check and target</th><th scope=\"col\">After</th><th scope=\"col\">Verdict</th><th scope=\"col\">Seen</th><th scope=\"col\">Review</th></tr>\n"
      + parts[0] + "</table>\n" + (parts.count > 1 ? "<p class=\"more\">" + parts[1] : "")
    if r.signoffs.isEmpty {
      out += missing("not signed off")
    } else {
      out +=
        "<p><strong>Signed:</strong> "
        + r.signoffs.map { s in
          (s.standing == .holds
            ? t("\(s.name) (\(s.role)\(s.meaning.map { ", " + $0 } ?? ""); \(s.signature.words))")
            : "<span class=\"integrity failed\">"
              + HTMLText.text("\(s.name) (\(s.role), \(CorrectiveActionBlocks.meaningWords(s)))") + "</span>")
            + " <span class=\"nw\">\(HTMLText.escape(String(s.time.prefix(10))))</span>"
        }.joined(separator: "; ") + "</p>\n"
    }
    return out
  }
}
