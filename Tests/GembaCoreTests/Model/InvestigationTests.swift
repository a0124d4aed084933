import Testing
@testable import GembaCore

/// The investigation as a pure fold: each command parsed and applied with a fixed cell context.
@Suite struct InvestigationTests {
  /// The refund-guidance investigation up to its first action, as typed in a session.
  static let setup = [
    "title Refund answers differ",
    "problem Agents give different refund answers --expected one answer --actual 3 answers in 40 tickets",
    #"process Refunds intake "policy lookup" reply close"#,
    "why agents answer differently",
    "why W1 the macro says 30 days",
    "why W1.1 nobody syncs macros with the policy",
    "why W1 the wiki and the PDF disagree",
    "why new agents learn from the PDF",
    #"fishbone "Inconsistent refund answers" --template 6M"#,
    "cause Method policy lives in three places",
    "cause C1 nobody owns the sync",
    "cause Machine macro tool has no versioning",
    "cause Manpower agents are careless",
    "rule-out C3 --because new and senior agents err alike",
    "confirm C1.1 --because no owner in the RACI",
    "root C1.1",
    #"finding "agents answer from the macro, not the policy" --step S2 --cause C1 C1.1"#,
    #"finding "nobody checks the macro at handoff" --step S2>S3"#,
    #"action F1 "generate macros from the policy page" --owner Dana --due 2026-12-15 --review monthly"#,
  ]

  /// Applies `commands` in order as cells 1, 2, 3…; every one must be accepted.
  static func folding(_ commands: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Investigation {
    var investigation = Investigation()
    for (i, source) in commands.enumerated() {
      do {
        guard let command = try Parser.parse(source) else { continue }
        _ = try investigation.apply(command, in: context(i + 1))
      } catch {
        Issue.record("`\(source)` was rejected: \(error.message)", sourceLocation: sourceLocation)
      }
    }
    return investigation
  }

  static func context(_ number: Int) -> CellContext {
    CellContext(
      number: number, time: "2026-11-20T10:00:\(number < 10 ? "0" : "")\(number)Z", previousChain: "chain\(number - 1)")
  }

  /// The message `source` prints after `setup`, and the ids it creates.
  func expectChange(
    _ source: String, after setup: [String] = setup, message: String, created: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var investigation = Self.folding(setup, sourceLocation: sourceLocation)
    do {
      let command = try #require(try Parser.parse(source), sourceLocation: sourceLocation)
      let result = try investigation.apply(command, in: Self.context(setup.count + 1))
      #expect(result.message == message, sourceLocation: sourceLocation)
      #expect(result.created.map(\.description) == created, sourceLocation: sourceLocation)
    } catch let error as Diagnostic {
      Issue.record("`\(source)` was rejected: \(error.message)", sourceLocation: sourceLocation)
    } catch {}
  }

  /// The error `source` gets after `setup`: its message, its notes, and that it changed nothing.
  func expectRejection(
    _ marked: String, after setup: [String] = setup, code: DiagnosticCode, notes: [String]? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let input = MarkedText(marked)
    let before = Self.folding(setup, sourceLocation: sourceLocation)
    var investigation = before
    guard
      let d = diagnostic(
        sourceLocation: sourceLocation,
        { () throws(Diagnostic) in
          guard let command = try Parser.parse(input.text) else { throw .error(.emptyCommand, "empty") }
          return try investigation.apply(command, in: Self.context(setup.count + 1))
        })
    else { return }
    #expect(d.code == code, "\(d.message)", sourceLocation: sourceLocation)
    if let notes { #expect(d.notes == notes, sourceLocation: sourceLocation) }
    if input.hasMarkers { #expect(d.span?.start == input[1], sourceLocation: sourceLocation) }
    #expect(investigation == before, "a rejected command changes nothing", sourceLocation: sourceLocation)
  }

  // MARK: - The fold

  @Test func idsAreGivenInCreationOrder() {
    let inv = Self.folding(Self.setup)
    #expect(
      inv.allIDs.map(\.description) == [
        "S1", "S2", "S3", "S4", "W1", "W1.1", "W1.1.1", "W1.2", "W2", "C3", "C1", "C1.1", "C2", "F1", "F2", "A1",
      ])
    #expect(inv.title == "Refund answers differ")
    #expect(
      inv.problem
        == Problem(
          statement: "Agents give different refund answers", expected: "one answer", actual: "3 answers in 40 tickets"))
    #expect(inv.processName == "Refunds")
    #expect(inv.steps.map(\.name) == ["intake", "policy lookup", "reply", "close"])
    #expect(inv.whyRoots.map(\.description) == ["W1", "W2"])
    #expect(inv.nodes[ItemID("W1")!]?.children.map(\.description) == ["W1.1", "W1.2"])
    #expect(
      inv.fishbone?.categories.map(\.name) == [
        "Manpower", "Method", "Machine", "Material", "Measurement", "Environment",
      ])
    #expect(inv.fishbone?.categories[1].causes.map(\.description) == ["C1"])
    #expect(inv.nodes[ItemID("C1.1")!]?.category == "Method", "a sub-cause hangs on its parent's bone")
    #expect(inv.counters == ["S": 5, "W": 3, "W1": 3, "W1.1": 2, "C": 4, "C1": 2, "F": 3, "A": 2])
  }

  @Test func judgementsAreRecorded() throws {
    let inv = Self.folding(Self.setup)
    let c3 = try #require(inv.nodes[ItemID("C3")!])
    #expect(c3.status == .ruledOut)
    #expect(c3.rationale == "new and senior agents err alike")
    let c11 = try #require(inv.nodes[ItemID("C1.1")!])
    #expect(c11.status == .confirmed && c11.isRoot)
    #expect(inv.findings.map(\.location) == [.step(ItemID("S2")!), .handoff(ItemID("S2")!, ItemID("S3")!)])
    #expect(inv.findings[0].causes.map(\.description) == ["C1", "C1.1"])
    let action = try #require(inv.action(ItemID("A1")!))
    #expect(action.finding.description == "F1")
    #expect(action.owner == "Dana")
    #expect(action.due == CalendarDate(year: 2026, month: 12, day: 15))
    #expect(action.review == .monthly)
    #expect(action.state == .open)
  }

  @Test(arguments: [
    ("title New title", "title: New title", [String]()),
    ("problem x --actual y", "problem: x\n  actual:   y", []),
    ("why W2 they shadow a senior", "W2.1 they shadow a senior", ["W2.1"]),
    ("why W1.1 second answer", "W1.1.2 second answer", ["W1.1.2"]),
    ("why a third tree", "W3 a third tree", ["W3"]),
    ("cause C1 another", "C1.2 [Method] another", ["C1.2"]),
    ("cause method lower-case bone", "C4 [Method] lower-case bone", ["C4"]),
    ("category Policy", "added bone Policy", []),
    ("confirm W1.1", "W1.1 confirmed", []),
    ("rule-out W2 --because all agents use the macro", "W2 ruled out: all agents use the macro", []),
    ("root W1.1.1", "W1.1.1 marked as a root cause (still a hypothesis: confirm it on evidence)", []),
    ("root C1.1", "C1.1 marked as a root cause", []),
    ("finding agents guess", "F3 agents guess (at no process step yet)", ["F3"]),
    ("finding x --step S3>S4", "F3 x at the handoff S3>S4", ["F3"]),
    ("action F2 add a checklist", "A2 for F2: add a checklist", ["A2"]),
    (
      "done A1 --note regenerated",
      "A1 done — check its effect next: effective A1 --evidence REF, or not-effective A1 --because TEXT", []
    ),
    ("event 2026-10-03 window changed", "event 2026-10-03: window changed", []),
    ("signoff QM Priya Shah", "signed off by Priya Shah (QM) at 2026-11-20T10:00:20Z, chain chain19", []),
    ("note the PDF is not used", "the PDF is not used", []),
    // No citations were resolved in this context: nothing to show.
    ("cite W1 tickets#3", "", []),
    // The new step with its neighbours, and the handoff finding it now splits.
    (
      "step audit --after S2",
      """
      added S5 audit after S2
        S2 policy lookup → S5 audit → S3 reply
        F2 is at the handoff S2>S3, which S5 now splits: amend F2 --step S2>S5 or --step S5>S3
      """, ["S5"]
    ),
    ("step audit --after S4", "added S5 audit after S4\n  S4 close → S5 audit", ["S5"]),
    ("step audit", "added S5 audit", ["S5"]),
    ("amend S2 --name \"policy lookup (wiki)\" --owner Dana", "amended S2: name policy lookup (wiki), owner Dana", []),
    ("amend F2 --step S1>S2", "amended F2: step the handoff S1>S2", []),
    (
      #"fishbone "Wrong refunds" --template 4S"#,
      "fishbone: Wrong refunds\n  bones: Manpower, Method, Machine, Material, Measurement, Environment, Surroundings, Suppliers, Systems, Skills",
      []
    ),
  ])
  func changeMessages(source: String, message: String, created: [String]) {
    expectChange(source, message: message, created: created)
  }

  @Test func aFishboneWithoutTemplateAsksForBones() {
    expectChange("fishbone x", after: [], message: "fishbone: x\n  no bones yet: add them with `category NAME`")
  }

  @Test func stepsAreInsertedAfterTheNamedStep() {
    let inv = Self.folding([
      "process P a b c", "step d --after S1", "step e", "step f --after S4 --owner Lee", "step g --after S3",
    ])
    #expect(inv.steps.map { "\($0.id) \($0.name)" } == ["S1 a", "S4 d", "S6 f", "S2 b", "S3 c", "S7 g", "S5 e"])
    #expect(inv.step(ItemID("S6")!)?.owner == "Lee")
  }

  @Test func stepsWithoutAProcessStartTheList() {
    let inv = Self.folding(["step a", "step b --after S1", "step c --after S1"])
    #expect(inv.steps.map { "\($0.id) \($0.name)" } == ["S1 a", "S3 c", "S2 b"])
  }

  @Test func theActionLifecycle() throws {
    let inv = Self.folding(
      Self.setup + [
        "action F1 second", "action F2 third",
        "done A1", "effective A1 --evidence after#1-40 --note reopen rate halved",
        "done A2", "not-effective A2 --because no change", "done A2",
        "done A3", "not-effective A3 --because still reopened",
      ])
    #expect(inv.actions.map(\.state) == [.effective, .done, .notEffective])
    #expect(inv.actions[0].outcome == "reopen rate halved")
    #expect(inv.actions[2].outcome == "still reopened")
    expectChange(
      "not-effective A2 --because x", after: Self.setup + ["action F1 second", "done A2"],
      message: "A2 not effective: x — F1 stays open")
    expectChange("effective A1 --evidence t", after: Self.setup + ["done A1"], message: "A1 effective")
  }

  @Test func theStandardIsNamedWhenAnActionWorks() {
    expectChange(
      "effective A2 --evidence t", after: Self.setup + ["action F1 x --standard \"one policy page\"", "done A2"],
      message: "A2 effective — new standard: one policy page")
  }

  @Test func signoffRecordsWhoWhenAndTheChain() throws {
    let inv = Self.folding(Self.setup + ["signoff \"Quality manager\" \"Priya Shah\""])
    #expect(
      inv.signoffs == [
        Signoff(role: "Quality manager", name: "Priya Shah", time: "2026-11-20T10:00:20Z", chain: "chain19", cell: 20)
      ])
  }

  @Test func notesAndEventsKeepTheirCell() {
    let inv = Self.folding(["note first", "event 2026-10-03T14:05 macro edited", "note second"])
    #expect(inv.notes == [Note(cell: 1, text: "first"), Note(cell: 3, text: "second")])
    #expect(inv.events.map(\.cell) == [2])
    #expect(inv.events.first?.when.sortKey == "2026-10-03T14:05:00")
  }

  @Test func redefiningTheFishboneKeepsItsCauses() throws {
    let inv = Self.folding(["fishbone x", "category Policy", "cause Policy three sources", "fishbone y --template 4S"])
    let fishbone = try #require(inv.fishbone)
    #expect(fishbone.effect == "y")
    #expect(fishbone.categories.map(\.name) == ["Policy", "Surroundings", "Suppliers", "Systems", "Skills"])
    #expect(fishbone.categories[0].causes.map(\.description) == ["C1"])
  }

  // MARK: - Rejections name what exists, suggest the nearest, and change nothing

  @Test(
    arguments: [
      ("why 1️⃣W1.3 x", .unknownID, ["did you mean W1.1?", "whys: W1, W1.1, W1.1.1, W1.2, W2"]),
      ("confirm 1️⃣W9", .unknownID, ["did you mean W1?", "whys: W1, W1.1, W1.1.1, W1.2, W2"]),
      ("root 1️⃣C1.2", .unknownID, ["did you mean C1.1?", "causes: C3, C1, C1.1, C2"]),
      ("cause 1️⃣C4 x", .unknownID, ["did you mean C1?", "causes: C3, C1, C1.1, C2"]),
      ("action 1️⃣F3 x", .unknownID, ["did you mean F1?", "findings: F1, F2"]),
      ("done 1️⃣A2", .unknownID, ["did you mean A1?", "actions: A1"]),
      ("cite 1️⃣F7 t", .unknownID, ["did you mean F1?", "findings: F1, F2"]),
      ("step x --after 1️⃣S9", .unknownID, ["did you mean S1?", "steps: S1, S2, S3, S4"]),
      ("finding x --step 1️⃣S5", .unknownID, ["did you mean S1?", "steps: S1, S2, S3, S4"]),
      ("finding x --step 1️⃣S2>S7", .unknownID, ["did you mean S1?", "steps: S1, S2, S3, S4"]),
      ("finding x --cause C1 1️⃣C8", .unknownID, ["did you mean C1?", "causes: C3, C1, C1.1, C2"]),
    ] as [(String, DiagnosticCode, [String])])
  func unknownIDs(marked: String, code: DiagnosticCode, notes: [String]) {
    expectRejection(marked, code: code, notes: notes)
  }

  @Test(
    arguments: [
      (
        "finding x --step 1️⃣S1>S3", .againstProcessOrder,
        [
          "between them: S2 policy lookup",
          "record it at the handoff where the work crosses (--step S1>S2 or S2>S3), or at one step (--step S2)",
        ]
      ),
      (
        "finding x --step 1️⃣S1>S4", .againstProcessOrder,
        [
          "between them: S2 policy lookup, S3 reply",
          "record it at the handoff where the work crosses (--step S1>S2 … S3>S4), or at one step (--step S2)",
        ]
      ),
      ("finding x --step 1️⃣S3>S2", .againstProcessOrder, ["a handoff runs in process order: S2>S3"]),
      (
        "amend F1 --step 1️⃣S4>S2", .againstProcessOrder,
        [
          "between them: S3 reply",
          "record it at the handoff where the work crosses (--step S2>S3 or S3>S4), or at one step (--step S3)",
        ]
      ),
    ] as [(String, DiagnosticCode, [String])])
  func aHandoffJoinsAdjacentSteps(marked: String, code: DiagnosticCode, notes: [String]) {
    expectRejection(marked, code: code, notes: notes)
  }

  @Test func aHandoffFollowsTheProcessOrderNotTheIDs() {
    // S5 sits between S2 and S3: S2>S5 and S5>S3 are handoffs, S2>S3 no longer is.
    let inserted = Self.setup + ["step audit --after S2"]
    expectChange("finding x --step S2>S5", after: inserted, message: "F3 x at the handoff S2>S5", created: ["F3"])
    expectChange("finding x --step S5>S3", after: inserted, message: "F3 x at the handoff S5>S3", created: ["F3"])
    expectRejection(
      "finding x --step 1️⃣S2>S3", after: inserted,
      code: .againstProcessOrder,
      notes: [
        "between them: S5 audit",
        "record it at the handoff where the work crosses (--step S2>S5 or S5>S3), or at one step (--step S5)",
      ])
  }

  @Test(
    arguments: [
      (
        "amend 1️⃣S2 --text lookup", .nothingToAmend,
        ["a step has a name and an owner: amend S2 --name TEXT --owner NAME"]
      ),
      (
        "amend 1️⃣S2 --due 2026-12-01", .nothingToAmend,
        ["a step has a name and an owner: amend S2 --name TEXT --owner NAME"]
      ),
      ("amend 1️⃣S2 --step S3", .nothingToAmend, ["a step has a name and an owner: amend S2 --name TEXT --owner NAME"]),
      ("amend 1️⃣W1 --name x", .nothingToAmend, ["only a step has a name; to change the text: amend W1 --text NEW TEXT"]),
      ("amend 1️⃣S9 --owner Dana", .unknownID, ["did you mean S1?", "steps: S1, S2, S3, S4"]),
    ] as [(String, DiagnosticCode, [String])])
  func amendingAStepChangesOnlyItsNameAndOwner(marked: String, code: DiagnosticCode, notes: [String]) {
    expectRejection(marked, code: code, notes: notes)
  }

  @Test func anAmendedStepKeepsItsPlaceAndID() {
    let inv = Self.folding(
      Self.setup + ["step audit --after S2", "amend S5 --name \"macro audit\" --owner Lee", "amend S1 --owner Ana"])
    #expect(
      inv.steps.map { "\($0.id) \($0.name) \($0.owner ?? "-")" } == [
        "S1 intake Ana", "S2 policy lookup -", "S5 macro audit Lee", "S3 reply -", "S4 close -",
      ])
  }

  @Test func unknownIDsWhenThereAreNone() {
    expectRejection("confirm 1️⃣C1", after: [], code: .unknownID, notes: ["there are no causes yet"])
    expectRejection("action 1️⃣F1 x", after: [], code: .unknownID, notes: ["there are no findings yet"])
  }

  @Test func longListsOfIDsAreCut() {
    let many = (1...14).map { "why reason \($0)" }
    expectRejection(
      "confirm 1️⃣W20", after: many, code: .unknownID,
      notes: ["did you mean W10?", "whys: W1, W2, W3, W4, W5, W6, W7, W8, W9, W10, W11, W12, …"])
  }

  @Test func aCauseOnAMissingBoneSuggestsTheNearestBone() {
    expectRejection(
      "cause 1️⃣Mehtod x", code: .unknownID,
      notes: [
        "did you mean `Method`?", "bones: Manpower, Method, Machine, Material, Measurement, Environment",
        "add a bone with `category Mehtod`; quote names with spaces",
      ])
    expectRejection(
      "cause Policy x", after: ["fishbone x"], code: .unknownID,
      notes: ["the fishbone has no bones yet", "add a bone with `category Policy`; quote names with spaces"])
    expectRejection(
      "cause Method x", after: [], code: .unknownID,
      notes: ["start one: fishbone \"EFFECT\" --template 6M|8P|4S"])
    expectRejection("category Policy", after: [], code: .unknownID)
    expectRejection("category METHOD", code: .conflictingState)
  }

  @Test func effectOnlyOnceDone() {
    expectRejection(
      "effective 1️⃣A1 --evidence t", code: .conflictingState,
      notes: ["mark it first: done A1"])
    expectRejection("not-effective 1️⃣A1 --because x", code: .conflictingState)
    expectRejection("done 1️⃣A1", after: Self.setup + ["done A1"], code: .conflictingState)
    expectRejection("done 1️⃣A1", after: Self.setup + ["done A1", "effective A1 --evidence t"], code: .conflictingState)
    // An effective action may be judged again (a review): CorrectiveActionTests.aReviewJudgesAnEffectiveActionAgain.
    expectRejection(
      "effective 1️⃣A1 --evidence t", after: Self.setup + ["done A1", "not-effective A1 --because x"],
      code: .conflictingState)
  }

  @Test func rootAndRuledOutExcludeEachOther() {
    expectRejection(
      "root 1️⃣C3", code: .conflictingState,
      notes: ["ruled out because: new and senior agents err alike"])
    expectRejection("root 1️⃣W2", after: Self.setup + ["rule-out W2"], code: .conflictingState, notes: [])
    expectRejection(
      "rule-out 1️⃣C1.1", code: .conflictingState,
      notes: ["`undo` the `root` cell first if the evidence now rules it out"])
  }

  @Test func theProcessIsDefinedOnce() {
    expectRejection(
      "process Other a b", code: .conflictingState,
      notes: ["add a step with `step TEXT --after Sx`, or `undo` the process cell"])
    expectRejection("process Other a b", after: ["step first"], code: .conflictingState)
  }

  @Test func onlyChangesApply() {
    expectRejection("whys", code: .unhandledCommand)
    expectRejection("load a.csv as a", code: .evidenceUnavailable)
  }
}
