import Testing
@testable import GembaCore

/// The corrective-action rules of `check`, each with a case that fires and one that does not.
@Suite struct CheckCorrectiveActionTests {
  func lines(_ script: String, at time: String? = nil) -> [String] {
    Check.review(investigation(script), at: time).map {
      "\($0.severity.rawValue) \($0.item?.description ?? "-") \($0.message)"
    }
  }

  /// A started record with a team, a root cause, a containment, an escape point and extent.
  let complete = """
    problem "short parts" --expected "0 short" --actual "2 % short"
    process Make cut press inspect
    team Dana --role leader
    team Lee --role champion
    why "parts are short"
    why W1 "the press step has no check on the stop"
    root W1.1
    contain "sort parts" --owner Sam --due 2026-11-25
    escape "inspection passed them" --step S3
    finding "stop drifts" --step S2 --cause W1.1
    action F1 "pin the stop" --owner Sam --due 2026-12-01 --review monthly
    elsewhere "line C" --none "no stops there"
    """

  @Test func aCompleteRecordHasNoneOfTheseFindings() {
    #expect(
      lines(complete, at: "2026-11-20T12:00:00Z").filter { !$0.contains("hypothesis") && !$0.contains("tied") } == [])
  }

  @Test func theCompletenessRulesWaitUntilTheRecordIsStarted() {
    let quick = """
      problem "short parts" --expected "0 short" --actual "2 % short"
      why "parts are short"
      why W1 "the stop drifts"
      root W1.1
      finding "stop drifts" --cause W1.1
      action F1 "pin the stop" --owner Sam --due 2026-12-01 --review monthly
      """
    #expect(
      !lines(quick).contains {
        $0.contains("containment") || $0.contains("escape") || $0.contains("extent") || $0.contains("team")
      })
    let started = lines(quick + "\nisnot where --is B --is-not A")
    #expect(started.contains("warning - no team is recorded"))
    #expect(
      started.contains(
        "warning - no containment: nothing stops the defect reaching the customer until the cause is removed"))
    #expect(started.contains("warning - no escape point: where should the defect have been caught?"))
    #expect(started.contains("warning - extent never considered: where else can the same cause act?"))
  }

  @Test func aTeamWithoutALeaderOrChampion() {
    let script = complete.replacingOccurrences(of: "team Lee --role champion", with: "team Lee --role member")
    #expect(lines(script).contains("warning - the team has no champion"))
  }

  @Test func aRootUnderARuledOutAnswer() {
    let l = lines(
      """
      why a
      why W1 b
      why W1.1 c
      rule-out W1.1 --because no
      root W1.1.1
      """)
    #expect(l.contains("error W1.1.1 root cause sits under W1.1, which was ruled out"))
  }

  @Test func judgedEffectiveOnTheEvidenceThatEstablishedTheProblem() {
    let script = """
      load d.csv as d
      finding "stop drifts" --evidence d#1-3
      action F1 fix --owner Sam --due 2026-12-01 --review monthly
      done A1
      """
    #expect(
      lines(script + "\neffective A1 --evidence d#1-3").contains(
        "error A1 judged effective on the evidence that established the problem: d#1-3"))
    #expect(!lines(script + "\neffective A1 --evidence d#40-60").contains { $0.contains("established the problem") })
  }

  @Test func approvingOnesOwnActionAndJudgingOnesOwnEffect() {
    let script = """
      finding x
      action F1 fix --owner "Sam Ortiz" --due 2026-12-01 --review monthly
      done A1
      load d.csv as d
      effective A1 --evidence d#9 --judged-by "sam ortiz"
      """
    let l = lines(script + "\nsignoff QM \"Sam Ortiz\" --meaning approved")
    #expect(l.contains("warning A1 Sam Ortiz approved the record that holds their own action"))
    #expect(l.contains("warning A1 effect judged by the action's own owner (sam ortiz)"))
    #expect(
      !lines(script + "\nsignoff QM \"Sam Ortiz\" --meaning reviewed").contains { $0.contains("approved the record") })
    // An owner written with a role in brackets is the same person.
    let bracketed = script.replacingOccurrences(of: "--owner \"Sam Ortiz\"", with: "--owner \"Sam Ortiz (line lead)\"")
    #expect(
      lines(bracketed + "\nsignoff QM \"Sam Ortiz\" --meaning verified").contains(
        "warning A1 Sam Ortiz verified the record that holds their own action"))
  }

  @Test func aStandardFromAnActionNotYetEffective() {
    let script = complete.replacingOccurrences(
      of: "--review monthly", with: "--review monthly --standard \"stops are pinned\"")
    #expect(lines(script).contains("warning A1 its standard comes from an action not yet effective (open)"))
  }

  @Test func againstTheClockOverdueActionsMissedReviewsAndUnverifiedContainments() {
    // Due 2026-12-01 (action) and 2026-11-25 (containment): judged on 2026-12-10, both are late.
    let late = lines(complete, at: "2026-12-10T09:00:00Z")
    #expect(late.contains("warning A1 action is overdue: due 2026-12-01, still open on 2026-12-10"))
    #expect(late.contains("error K1 containment not verified: due 2026-11-25, still unverified on 2026-12-10"))
    // Without the clock (an export), these rules say nothing.
    #expect(!lines(complete).contains { $0.contains("overdue") || $0.contains("still unverified") })
    // Done on 2026-11-20 (the script's day) with a monthly review: missed once 2026-12-20 has passed.
    let done = complete + "\ndone A1"
    #expect(!lines(done, at: "2026-12-20T09:00:00Z").contains { $0.contains("review missed") })
    #expect(
      lines(done, at: "2026-12-21T09:00:00Z").contains(
        "warning A1 monthly review missed: due 2026-12-20, last judged 2026-11-20"))
  }
}
