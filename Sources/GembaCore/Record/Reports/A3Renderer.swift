/// The A3 report: one landscape A3 sheet (background, current condition with its chart,
/// target, root-cause analysis, countermeasures, plan, follow-up) as HTML to print.
///
/// The sheet is a fixed grid in millimetres, the same on screen and on paper, and each box
/// shows at most what fits it: longer lists end in "… N more (see the record)" and long texts
/// are cut with `…`, so the page never grows a second sheet. What is missing says MISSING.
public struct A3Renderer: RecordRenderer {
  public init() {}

  public func render(_ r: Record) -> String {
    // A fixed sheet, not a page that reflows: no viewport line.
    var out =
      HTMLRecordRenderer.pageHead(
        title: "A3: " + r.title, generator: "gemba A3 v\(r.version)", css: A3Style.css,
        viewport: false) + "<body>\n<div class=\"sheet\">\n"
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

  // MARK: - Limits (what fits each box at the sheet's type size; see A3Style)

  /// Characters of one short line in a quarter-width box.
  static let line = 90
  static let limits = (
    boundaries: 3, targets: 5, findings: 5, roots: 3, bones: 8, escapes: 2, containments: 4, actions: 7,
    planRows: 11, checks: 5, signoffs: 3
  )

  func cut(_ text: String, _ limit: Int = A3Renderer.line) -> String {
    HTMLText.text(HTMLText.shortened(text, to: limit))
  }
  func missing(_ text: String) -> String {
    "<p class=\"missing\"><strong>MISSING:</strong> \(HTMLText.escape(text))</p>\n"
  }

  /// The first `limit` items, then "… N more (see the record)" for the rest.
  func capped<T>(_ items: [T], _ limit: Int, _ draw: (T) -> String) -> String {
    var out = items.prefix(limit).map(draw).joined()
    if items.count > limit { out += more(items.count - limit) }
    return out
  }

  func more(_ n: Int) -> String { "<p class=\"more\">… \(n) more (see the record)</p>\n" }

  func box(_ area: String, _ title: String, _ body: String, into out: inout String) {
    out += "<section class=\"box \(area)\">\n<h2>\(title)</h2>\n\(body)</section>\n"
  }

  // MARK: - Boxes

  func header(_ r: Record, into out: inout String) {
    let leaders = (r.team ?? []).filter { $0.role == "leader" || $0.role == "champion" }
    out += "<header class=\"head\">\n<h1>\(cut("A3 · " + r.title, 110))</h1>\n<p class=\"meta\">"
    out +=
      (leaders.isEmpty
        ? "Team: <span class=\"missing\">MISSING</span>"
        : "Team: "
          + cut(
            leaders.map { "\($0.name) (\($0.role))" }.joined(separator: ", ")
              + ((r.team?.count ?? 0) > leaders.count ? " + \(r.team!.count - leaders.count) more" : ""), 120))
    out +=
      " · generated \(HTMLText.escape(r.generatedAt))"
      + (r.progress.map { " · status \(HTMLText.escape($0.status.words))" } ?? "")
      + (r.caseIdentity.map { c in
        [c.number, c.customer, c.part].compactMap { $0 }.isEmpty
          ? "" : " · " + cut([c.number, c.customer, c.part].compactMap { $0 }.joined(separator: " · "), 110)
      } ?? "")
    // A failed integrity line is never cut: the alarm is the point of it.
    out +=
      r.integrity.verified
      ? " · <span class=\"integrity\">\(cut(r.integrity.line, 140))</span></p>\n"
      : "</p>\n<p class=\"integrity failed\">Integrity: \(HTMLText.text(r.integrity.line))</p>\n"
    for s in r.signoffs {
      if let words = s.brokenWords {
        out += "<p class=\"integrity failed\">Sign-off by \(HTMLText.text(s.name)): \(HTMLText.text(words))</p>\n"
      }
    }
    out += "</header>\n"
  }

  func background(_ r: Record) -> String {
    var out = ""
    if let p = r.problem {
      out += "<p><strong>Problem:</strong> \(cut(p.statement, 260))</p>\n"
    } else {
      out += missing("no problem statement")
    }
    if let name = r.process.name {
      out += "<p><strong>Process:</strong> \(cut(name, 80))" + " (\(r.process.steps.count) steps)</p>\n"
    }
    if let boundaries = r.boundaries {
      out += "<table class=\"isnot\"><tr><th></th><th>Is</th><th>Is not</th></tr>\n"
      out +=
        boundaries.prefix(Self.limits.boundaries).map {
          "<tr><th class=\"nw\">\(HTMLText.escape($0.dimension))</th><td>\(cut($0.is, 70))</td><td>\(cut($0.isNot, 70))</td></tr>\n"
        }.joined() + "</table>\n"
      if boundaries.count > Self.limits.boundaries { out += more(boundaries.count - Self.limits.boundaries) }
    } else {
      out += missing("no is / is-not boundaries")
    }
    return out
  }

  func target(_ r: Record) -> String {
    var out = ""
    if let expected = r.problem?.expected {
      out += "<p class=\"goal\">\(cut(expected, 160))</p>\n"
    } else {
      out += missing("no expected performance stated")
    }
    if let actual = r.problem?.actual { out += "<p><strong>Now:</strong> \(cut(actual, 160))</p>\n" }
    let planned = r.actions.filter { $0.plannedCheck != nil }
    if planned.isEmpty {
      out += missing("no action has a planned check with a target")
    } else {
      out +=
        "<ul>"
        + capped(planned, Self.limits.targets) { a in
          "<li><span class=\"id\">\(a.id)</span>\(cut(a.plannedCheck!.target, 60)) after <span class=\"nw\">\(a.plannedCheck!.after)</span>\(a.plannedCheck!.afterTheFact)</li>"
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

  func current(_ r: Record) -> String {
    var out = ""
    if let (chart, citation) = Self.firstChart(r) {
      var main = chart
      main.spread = nil  // the sheet has room for the chart itself, not its range chart
      out +=
        "<figure>" + ChartSVG.render(main)
        + "<figcaption><code>\(HTMLText.escape(HTMLText.shortened(citation.reference, to: 90)))</code>"
      out += citation.note.map { ": " + cut($0, 120) } ?? ""
      out += "</figcaption></figure>\n"
    } else {
      out += missing("no cited chart (cite a query ending in pareto or spc)")
    }
    if r.findings.isEmpty {
      out += missing("no findings")
    } else {
      out +=
        "<ul>"
        + capped(r.findings, Self.limits.findings) { f in
          "<li><span class=\"id\">\(f.id)</span>\(cut(f.text, 110))"
            + (f.location.map { " <span class=\"meta\">(\(cut($0.label, 12)))</span>" } ?? "") + "</li>"
        } + "</ul>\n"
    }
    return out
  }

  func analysis(_ r: Record) -> String {
    var out = ""
    let roots = r.occurrenceNodes.filter(\.root)
    if roots.isEmpty { out += missing("no root cause confirmed") }
    out += capped(roots, Self.limits.roots) { root in
      let chain = EightDReport.whyChain(to: root.id, in: r).map(\.id).joined(separator: " → ")
      var item = "<div class=\"root\"><p><span class=\"id\">\(root.id)</span><strong>\(cut(root.text, 110))</strong>"
      item += " <span class=\"badge\">\(HTMLText.escape(root.statusText))</span></p>\n"
      if chain.contains("→") { item += "<p class=\"meta\">Why chain: \(cut(chain, 120))</p>\n" }
      item +=
        root.citations.isEmpty
        ? "<p class=\"missing\">MISSING: no evidence cited</p>\n"
        : "<p class=\"meta\">Evidence: \(cut(root.citations.map(\.reference).joined(separator: "; "), 120))</p>\n"
      return item + "</div>\n"
    }
    if let f = r.fishbone {
      out +=
        "<h3>Fishbone: \(cut(f.effect, 70))</h3>\n<table class=\"bones\"><tr><th>Bone</th><th>causes</th><th>confirmed</th><th>ruled out</th></tr>\n"
      out +=
        f.bones.prefix(Self.limits.bones).map { bone in
          let nodes = bone.causes.flatMap(EightDReport.flatten)
          return
            "<tr><td>\(cut(bone.name, 30))</td><td class=\"num\">\(nodes.count)</td><td class=\"num\">\(nodes.filter { $0.status == .confirmed }.count)</td>"
            + "<td class=\"num\">\(nodes.filter { $0.status == .ruledOut }.count)</td></tr>\n"
        }.joined() + "</table>\n"
      if f.bones.count > Self.limits.bones { out += more(f.bones.count - Self.limits.bones) }
    }
    if let escapes = r.escapes {
      out +=
        "<h3>Escape point</h3>\n"
        + capped(escapes, Self.limits.escapes) { e in
          "<p><span class=\"id\">\(e.id)</span>\(cut(e.text, 90))"
            + (e.step.map { " <span class=\"meta\">at \($0)</span>" } ?? "")
            + (e.whys.first.map { " — why: " + cut($0.text, 80) } ?? "") + "</p>\n"
        }
    } else {
      out += missing("no escape point recorded")
    }
    return out
  }

  func countermeasures(_ r: Record) -> String {
    var out = "<h3>Containment</h3>\n"
    if let containments = r.containments {
      out +=
        "<ul>"
        + capped(containments, Self.limits.containments) { k in
          "<li><span class=\"id\">\(k.id)</span>\(cut(k.text, 100)) <span class=\"badge\">\(k.state.rawValue)</span></li>"
        } + "</ul>\n"
    } else {
      out += missing("no containment recorded")
    }
    out += "<h3>Permanent</h3>\n"
    if r.actions.isEmpty { return out + missing("no corrective action recorded") }
    out +=
      "<ul>"
      + capped(r.actions, Self.limits.actions) { a in
        let causes = r.finding(a.finding)?.causes ?? []
        var item = "<li><span class=\"id\">\(a.id)</span>\(cut(a.text, 100))"
        item +=
          causes.isEmpty
          ? "" : " <span class=\"meta\">(for \(HTMLText.escape(causes.prefix(3).joined(separator: ", "))))</span>"
        if let standard = a.standard {
          item +=
            "<br><span class=\"meta\">Standard (\(a.isReleased ? "released" : "proposed")): \(cut(standard, 90))</span>"
        }
        return item + "</li>"
      } + "</ul>\n"
    return out
  }

  func plan(_ r: Record) -> String {
    guard !r.actions.isEmpty || r.containments != nil else { return missing("nothing planned") }
    let rows: [(id: String, what: String, owner: String?, due: String?, state: String)] =
      (r.containments ?? []).map { ($0.id, $0.text, $0.owner, $0.due, $0.state.rawValue) }
      + r.actions.map { ($0.id, $0.text, $0.owner, $0.due, $0.state.rawValue) }
    var out = "<table class=\"plan\"><tr><th>Id</th><th>What</th><th>Owner</th><th>Due</th><th>State</th></tr>\n"
    out +=
      rows.prefix(Self.limits.planRows).map { row in
        "<tr><td class=\"nw id\">\(row.id)</td><td>\(cut(row.what, 44))</td><td>\(row.owner.map { cut($0, 24) } ?? "<span class=\"missing\">MISSING</span>")</td>"
          + "<td class=\"nw\">\(row.due.map(HTMLText.escape) ?? "<span class=\"missing\">MISSING</span>")</td><td class=\"nw\">\(HTMLText.escape(row.state))</td></tr>\n"
      }.joined() + "</table>\n"
    if rows.count > Self.limits.planRows { out += more(rows.count - Self.limits.planRows) }
    return out
  }

  func followUp(_ r: Record) -> String {
    var out = ""
    if r.actions.isEmpty { return missing("no action to follow up") }
    out +=
      "<table class=\"checks\"><tr><th>Action</th><th>Check and target</th><th>After</th><th>Verdict</th><th>Seen</th><th>Review</th></tr>\n"
    out +=
      r.actions.prefix(Self.limits.checks).map { a in
        // No check planned: the evidence it was judged on, said as such; neither: missing.
        let judgedOn = a.outcomeCitations.first.map { "judged on " + cut($0.reference, 56) + " (no target planned)" }
        let check =
          a.plannedCheck.map { cut($0.query, 56) + " · target " + cut($0.target, 30) } ?? judgedOn
          ?? "<span class=\"missing\">MISSING</span>"
        return
          "<tr><td class=\"nw id\">\(a.id)</td><td>\(check)</td><td class=\"nw\">\(a.plannedCheck.map { HTMLText.escape($0.after + $0.afterTheFact) } ?? "—")</td>"
          + "<td class=\"nw\">\(HTMLText.escape(a.verdict ?? "not judged"))</td><td>\(cut(a.judgement?.seen ?? a.outcome ?? "", 70))</td>"
          + "<td class=\"nw\">\(a.review.map(HTMLText.escape) ?? "<span class=\"missing\">MISSING</span>")</td></tr>\n"
      }.joined() + "</table>\n"
    if r.actions.count > Self.limits.checks { out += more(r.actions.count - Self.limits.checks) }
    if r.signoffs.isEmpty {
      out += missing("not signed off")
    } else {
      out +=
        "<p><strong>Signed:</strong> "
        + r.signoffs.prefix(Self.limits.signoffs).map { s in
          (s.standing == .holds
            ? cut("\(s.name) (\(s.role)\(s.meaning.map { ", " + $0 } ?? ""); \(s.signature.words))", 80)
            : "<span class=\"integrity failed\">"
              + HTMLText.text("\(s.name) (\(s.role), \(CorrectiveActionBlocks.meaningWords(s)))") + "</span>")
            + " <span class=\"nw\">\(HTMLText.escape(String(s.time.prefix(10))))</span>"
        }.joined(separator: "; ")
        + (r.signoffs.count > Self.limits.signoffs
          ? "; … \(r.signoffs.count - Self.limits.signoffs) more (see the record)" : "") + "</p>\n"
    }
    return out
  }
}
