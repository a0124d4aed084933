import Testing
@testable import GembaCore

/// The corrective-action record's verbs: what each records, what it says, what it refuses
/// (nothing changes on a refusal), and that each cell rebuilds the same state when opened.
@Suite struct CorrectiveActionTests {
  @Test func theTeamRecordsRolesAndSaysWhenARoleChanges() {
    let session = Session.after([])
    session.expectCell("team \"Dana Reyes\" --role leader", output: "team: Dana Reyes (leader)")
    session.expectCell("team \"dana reyes\" --role champion", output: "Dana Reyes is now champion (was leader)")
    #expect(session.investigation.team.map(\.role) == [.champion])
    let d = session.expectRejected("team Sam --role boss", code: .invalidOptionValue)
    #expect(d?.notes.last == "`--role` takes one of: champion, leader, member, expert")
  }

  /// A review judges an effective action again: still effective (the review date moves on, so
  /// `check` stops asking), or no longer effective (its finding opens again).
  @Test func aReviewJudgesAnEffectiveActionAgain() throws {
    let session = Session.after([
      "load defects.csv as defects", "finding \"late parts\"",
      "action F1 \"pin the stops\" --owner Sam --due 2026-12-01 --review monthly", "done A1",
      "effective A1 --evidence defects#1",
    ])
    let first = try #require(session.investigation.action(ItemID("A1")!)?.judgedAt)
    #expect(first == cellTime(5))
    switch session.run("effective A1 --evidence defects#2", time: "2026-12-21T09:00:00Z") {
    case .cell(let cell, _, _): #expect(cell.output.hasPrefix("A1 still effective (review)"), "\(cell.output)")
    case let other: Issue.record("\(other)")
    }
    #expect(session.investigation.action(ItemID("A1")!)?.judgedAt == "2026-12-21T09:00:00Z")
    #expect(
      Check.review(session.investigation, at: "2027-01-15T09:00:00Z").allSatisfy {
        !$0.message.contains("review missed")
      })
    switch session.run("not-effective A1 --because the stops came back", time: "2027-01-25T09:00:00Z") {
    case .cell(let cell, _, _): #expect(cell.output == "A1 no longer effective: the stops came back — F1 stays open")
    case let other: Issue.record("\(other)")
    }
    #expect(session.investigation.action(ItemID("A1")!)?.state == .notEffective)
  }

  @Test func isNotNeedsBothSidesAndARestatedDimensionReplacesTheOldOne() {
    let session = Session.after([])
    session.expectCell(
      "isnot where --is \"line B\" --is-not \"lines A and C\"", output: "where: is line B · is not lines A and C")
    session.expectCell("isnot what --is \"short parts\" --is-not \"long parts\"")
    session.expectCell(
      "isnot where --is \"line B, night shift\" --is-not \"day shift\"",
      output: "where: is line B, night shift · is not day shift (replaces the earlier where)")
    #expect(session.investigation.boundaries.map(\.dimension) == [.what, .where])
    session.expectRejected(
      "isnot when --is \"since May\"",
      code: .missingOption)
    session.expectRejected("isnot why --is a --is-not b", code: .invalidOptionValue)
  }

  @Test func aContainmentNeedsAnOwnerAndIsVerifiedOnCitedEvidence() throws {
    let session = Session.after(["load defects.csv as defects"])
    session.expectRejected(
      "contain \"sort line B parts\" --due 2026-11-25",
      code: .missingOption)
    session.expectCell(
      "contain \"sort line B parts\" --owner Sam --due 2026-11-25",
      output: "K1 sort line B parts — owner Sam, due 2026-11-25; verify it on evidence: contained K1 --evidence REF")
    let out = session.expectCell("contained K1 --evidence defects | where line = B | count --note \"none escaped\"")
    #expect(out == "K1 verified: none escaped\ncited on K1: defects | where line = B | count\n  42")
    let k = try #require(session.investigation.containments.first)
    #expect(k.state == .verified && k.citations.map(\.reference) == ["defects | where line = B | count"])
    session.expectRejected("contained K1 --evidence defects#1", code: .conflictingState)
    session.expectCell(
      "amend K1 --owner \"Ana Ruiz\" --due 2026-11-30", output: "amended K1: owner Ana Ruiz, due 2026-11-30")
    // The citation is in the cell's data: opening rebuilds it without evidence.
    let opened = Session()
    for cell in session.cells { try opened.restore(cell) }
    #expect(opened.investigation.containments == session.investigation.containments)
  }

  @Test func anEscapePointIsAtAStepAndItsWhysNestLikeWhys() throws {
    let session = Session.after(["process Make cut press inspect pack"])
    session.expectRejected("escape \"inspection passed it\" --step S9", code: .unknownID)
    session.expectCell(
      "escape \"inspection passed it\" --step S3",
      output: "E1 inspection passed it at S3 — ask why it escaped: why E1 TEXT")
    session.expectCell(
      "why E1 \"the gauge checks length, not flatness\"", output: "E1.1 the gauge checks length, not flatness")
    session.expectCell(
      "why E1.1 \"the control plan lists length only\"", output: "E1.1.1 the control plan lists length only")
    session.expectCell("rule-out E1.1.1 --because the plan lists both")
    session.expectCell("root E1.1")
    session.expectRejected("confirm E1", code: .conflictingState)
    #expect(session.investigation.escapes.first?.children == [ItemID("E1.1")!])
    #expect(session.ids.suffix(3) == ["E1", "E1.1", "E1.1.1"])
    let whys = session.expectCell("whys")
    #expect(whys.contains("escape E1 at S3 · inspection passed it"), "\(whys)")
    #expect(whys.contains("E1.1.1 the control plan lists length only"))
    let opened = Session()
    for cell in session.cells { try opened.restore(cell) }
    #expect(opened.investigation == session.investigation)
  }

  @Test func elsewhereTakesAnActionOrAReasonNeverBothNorNeither() {
    let session = Session.after(["finding x", "action F1 fix --owner a --due 2026-12-01 --review weekly"])
    session.expectCell(
      "elsewhere \"line C has the same fixture\" --action A1", output: "X1 line C has the same fixture — covered by A1")
    session.expectCell(
      "elsewhere \"site 2\" --none \"no presses there\"", output: "X2 site 2 — nothing to do: no presses there")
    session.expectRejected("elsewhere x --action A1 --none y", code: .optionNotApplicable)
    session.expectRejected("elsewhere x", code: .missingOption)
    session.expectRejected("elsewhere x --action A9", code: .unknownID)
  }

  @Test func aSignoffSaysWhatItMeans() {
    let session = Session.after([])
    let out = session.expectCell("signoff QM \"Priya Shah\" --meaning approved")
    #expect(out.hasPrefix("approved by Priya Shah (QM) at \(cellTime(1))"))
    #expect(session.investigation.signoffs.first?.meaning == .approved)
    let d = session.expectRejected("signoff QM Priya --meaning signed", code: .invalidOptionValue)
    #expect(d?.notes.last == "`--meaning` takes one of: reviewed, approved, verified")
  }

  @Test func undoTakesBackANewItemAndItsIdIsNotReused() {
    let session = Session.after(["contain a --owner b", "undo", "contain c --owner d"])
    #expect(session.investigation.containments.map(\.id.description) == ["K2"])
  }
}
