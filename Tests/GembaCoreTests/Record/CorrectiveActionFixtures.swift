import Testing
@testable import GembaCore

/// Investigations with the corrective-action parts (team, is / is-not, containment, escape
/// point, extent, planned checks and verdicts, sign-off meaning), set directly on the model
/// until the verbs that fill them land.
enum CorrectiveActionFixtures {
  /// The refund investigation with every corrective-action part filled in.
  static func refund(text: (String) -> String = { $0 }) -> Record {
    let session = RecordFixtures.session(RecordFixtures.refundCommands)
    var inv = session.investigation
    fill(&inv, text: text)
    return Record(investigation: inv, cells: session.cells, generatedAt: RecordFixtures.generatedAt)
  }

  /// Hostile text in every corrective-action field.
  static func hostile() -> Record { refund { _ in RecordFixtures.hostileText } }

  static func fill(_ inv: inout Investigation, text: (String) -> String) {
    inv.team = [
      TeamMember(name: text("Ana Ruiz"), role: .champion, cell: 1),
      TeamMember(name: text("Dana Kim"), role: .leader, cell: 1),
      TeamMember(name: text("Lee Park"), role: .member, cell: 1),
      TeamMember(name: text("Sam Ortiz"), role: .expert, cell: 1),
    ]
    inv.boundaries = [
      ProblemBoundary(
        dimension: .what, isText: text("Refunds paid twice"), isNotText: text("Refunds paid late or wrong amount"),
        cell: 2),
      ProblemBoundary(
        dimension: .where, isText: text("Orders refunded through the macro"),
        isNotText: text("Manual refunds in the ledger"), cell: 2),
      ProblemBoundary(
        dimension: .when, isText: text("Since 2026-10-03"), isNotText: text("Before the macro change"), cell: 2),
    ]
    var k1 = Containment(
      id: ItemID(.containment, [1]), text: text("Hold every second refund on the same order for review"),
      owner: text("Dana Kim"), due: CalendarDate(year: 2026, month: 11, day: 21), cell: 3)
    k1.state = .verified
    k1.verifiedAt = "2026-11-21T10:00:00Z"
    k1.verificationNote = text("No duplicate paid since the hold")
    k1.citations = inv.nodes[ItemID(.cause, [1])]!.citations
    let k2 = Containment(
      id: ItemID(.containment, [2]), text: text("Daily ledger sweep for duplicates"), owner: text("Lee"), due: nil,
      cell: 3)
    inv.containments = [k1, k2]
    var escape = EscapePoint(
      id: ItemID(.escape, [1]), text: text("Approval did not catch the second refund"), step: ItemID(.step, [3]),
      cell: 4)
    escape.children = [ItemID(.escape, [1, 1])]
    inv.escapes = [escape]
    inv.nodes[ItemID(.escape, [1, 1])] = CauseNode(
      id: ItemID(.escape, [1, 1]), text: text("The approval screen shows the cached status"),
      status: .confirmed, children: [ItemID(.escape, [1, 1, 1])])
    inv.nodes[ItemID(.escape, [1, 1, 1])] = CauseNode(
      id: ItemID(.escape, [1, 1, 1]), text: text("Nobody owns the status cache"))
    inv.extent = [
      ExtentCheck(
        id: ItemID(.extent, [1]), text: text("The exchange macro uses the same template"), action: ItemID(.action, [1]),
        noneReason: nil, cell: 5),
      ExtentCheck(
        id: ItemID(.extent, [2]), text: text("The B2B portal"), action: nil, noneReason: text("It has no refund macro"),
        cell: 5),
    ]
    inv.actions[0].plannedCheck = PlannedCheck(
      query: text("tickets | where reason = duplicate | count per week"),
      target: text("<= 1 per week"), after: CalendarDate(year: 2026, month: 11, day: 21))
    inv.actions[0].judgement = EffectivenessJudgement(
      verdict: .effective, judgedAt: "2026-11-22T08:00:00Z",
      seen: text("0 per week ≤ 1 per week over 6 weeks after 2026-11-21 (6 points)"), dataFrom: "2026-11-22",
      dataTo: "2027-01-03",
      points: 6)
    inv.actions[1].plannedCheck = PlannedCheck(
      query: text("tickets | where step = approve | count per month"),
      target: text("0 per month"), after: CalendarDate(year: 2026, month: 12, day: 20))
    inv.signoffs[0].meaning = .approved
  }

  /// Many causes, findings, actions, containments and extent checks: more than the A3 shows.
  static func large() -> Record {
    var commands = Array(RecordFixtures.refundCommands.prefix(4)) + ["fishbone \"Duplicate refunds\" --template 6M"]
    let bones = ["Method", "Machine", "Manpower", "Material", "Measurement", "Environment"]
    for i in 1...36 {
      commands.append(
        "cause \(RecordFixtures.q(bones[(i - 1) % 6])) \(RecordFixtures.q("Cause number \(i): a long description of how the refund macro and the status cache interact on busy days"))"
      )
    }
    commands.append("cite C1 tickets | where reason = duplicate | pareto by source --note \"the macro and the wiki\"")
    for i in 1...8 {
      commands += ["cite C\(i) tickets#\(i)", "confirm C\(i) --because \"seen in the tickets\"", "root C\(i)"]
    }
    for i in 1...24 {
      commands.append(
        "finding \(RecordFixtures.q("Finding \(i): the triage step lets a second refund through when the first is pending")) --step S\(i % 4 + 1) --cause C\(i % 8 + 1)"
      )
      commands.append(
        "action F\(i) \(RecordFixtures.q("Action \(i): add a duplicate check to the refund macro and train the agents on it")) --owner \"Owner \(i)\" --due 2026-12-\(10 + i % 18) --review monthly --standard \"Triage searches the ledger first (\(i))\""
      )
    }
    commands += ["signoff \"Quality manager\" \"Ana Ruiz\""]
    let session = RecordFixtures.session(commands)
    var inv = session.investigation
    fill(&inv, text: { $0 })
    let containments = (3...12).map { i in
      Containment(
        id: ItemID(.containment, [i]), text: "Containment \(i): hold refunds on orders with an open ticket",
        owner: "Lee", due: nil, cell: 3)
    }
    inv.containments += containments
    inv.extent += (3...15).map {
      ExtentCheck(id: ItemID(.extent, [$0]), text: "Site \($0)", action: nil, noneReason: "no macro", cell: 5)
    }
    inv.boundaries.append(ProblemBoundary(dimension: .extent, isText: "37 a month", isNotText: "every refund", cell: 2))
    for i in inv.actions.indices {
      inv.actions[i].plannedCheck = PlannedCheck(
        query: "tickets | where reason = duplicate | count per week", target: "<= 1 per week",
        after: CalendarDate(year: 2026, month: 12, day: 1))
    }
    return Record(investigation: inv, cells: session.cells, generatedAt: RecordFixtures.generatedAt)
  }
}
