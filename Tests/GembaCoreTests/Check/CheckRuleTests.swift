import Testing
@testable import GembaCore

/// `check` as one line per finding, `error A2 action has no owner`, for short expectations.
func checkLines(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
  Check.review(investigation(script, sourceLocation: sourceLocation)).map {
    "\($0.severity.rawValue) \($0.item?.description ?? "-") \($0.message)"
  }
}

/// A problem with both sides of the gap, so tests see only the weakness they are about.
let statedProblem = """
  problem "Refund answers differ" --expected "one answer per case" --actual "3 answers in 40% of tickets"
  """

@Suite struct BlameRuleTests {
  @Test(arguments: [
    ("Agent forgot to apply the 30-day rule", "forgot"),
    ("Human error", "human error"),
    ("Operator didn't follow the SOP", "didn't follow"),
    ("Operator didn\u{2019}t follow the SOP", "didn't follow"),
    ("Agents did not follow the refund policy", "did not follow"),
    ("Careless data entry", "careless"),
    ("Negligence by the night shift", "negligence"),
    ("Staff not paying attention", "not paying attention"),
    ("A mistake by the new agent", "mistake by"),
    ("Agent should have known the rule", "should have known"),
    ("Operator error at intake", "operator error"),
  ])
  func rootCauseThatBlamesAPersonIsAnError(_ text: String, _ word: String) {
    let lines = checkLines("""
      why "Refund answers differ"
      why W1 "\(text)"
      root W1.1
      """)
    #expect(lines.contains("error W1.1 root cause blames a person (\"\(word)\")"))
  }

  @Test(arguments: [
    "The form makes it easy to forget the order date",
    "No field for the order date on the refund form",
    "Policy lives in three places with no owner",
  ])
  func processWordingIsNotBlame(_ text: String) {
    let lines = checkLines("""
      why "Refund answers differ"
      why W1 "\(text)"
      root W1.1
      """)
    #expect(!lines.contains { $0.contains("blames a person") })
  }

  @Test func onlyRootCausesAreJudgedForBlame() {
    let lines = checkLines("""
      fishbone "Refund answers differ" --template 6M
      cause Manpower "Agents forgot the rule"
      cause Method "No check for the order date at intake"
      root C2
      """)
    #expect(!lines.contains { $0.contains("blames a person") })
  }

  @Test func fishboneRootCausesAreJudgedToo() {
    let lines = checkLines("""
      fishbone "Refund answers differ" --template 6M
      cause Manpower "Human error"
      root C1
      """)
    #expect(lines.first == "error C1 root cause blames a person (\"human error\")")
  }
}

@Suite struct ActionRuleTests {
  @Test(arguments: [
    ("Retrain agents on refunds", "retrain"),
    ("Re-train the night shift", "re-train"),
    ("Remind agents to check the wiki", "remind"),
    ("Refresher training for all agents", "refresher"),
    ("Tell agents to be more careful", "be more careful"),
  ])
  func retrainingOnlyIsAnError(_ text: String, _ word: String) {
    let lines = checkLines("""
      finding "Answers differ"
      action F1 "\(text)" --owner Dana --due 2026-12-15 --review monthly
      """)
    #expect(lines.contains("error A1 action only retrains or reminds (\"\(word)\")"))
  }

  @Test(arguments: [
    "Add a policy-link field to the answer form and train agents on it",
    "Update the macro to quote the wiki; remind agents once it is live",
    "Make the wiki the single source of the refund policy",
  ])
  func aProcessChangeWithTrainingIsFine(_ text: String) {
    let lines = checkLines("""
      finding "Answers differ"
      action F1 "\(text)" --owner Dana --due 2026-12-15 --review monthly
      """)
    #expect(!lines.contains { $0.contains("retrains") })
  }

  @Test(arguments: [
    ("", "action has no owner, no due date, no review cadence"),
    ("--owner Dana", "action has no due date, no review cadence"),
    ("--owner Dana --due 2026-12-15", "action has no review cadence"),
    ("--due 2026-12-15 --review weekly", "action has no owner"),
  ])
  func missingCommitmentsAreOneErrorPerAction(_ options: String, _ message: String) {
    let lines = checkLines("""
      finding "Answers differ"
      action F1 "Add the policy link to the macro" \(options)
      """)
    #expect(lines.filter { $0.hasPrefix("error A1 action has") } == ["error A1 \(message)"])
  }

  @Test func doneButUncheckedIsAWarning() {
    let lines = checkLines("""
      finding "Answers differ"
      action F1 "Add the policy link to the macro" --owner Dana --due 2026-12-15 --review monthly
      done A1
      """)
    #expect(lines.contains("warning A1 action is done but its effect was never checked"))
  }

  @Test(arguments: [
    ("", true),
    ("action F1 \"Add a link check to the answer form\" --owner Dana --due 2027-01-15 --review monthly", false),
  ])
  func notEffectiveNeedsAFollowUp(_ followUp: String, _ warned: Bool) {
    let lines = checkLines("""
      finding "Answers differ"
      action F1 "Add the policy link to the macro" --owner Dana --due 2026-12-15 --review monthly
      done A1
      not-effective A1 --because "agents still paste old text"
      \(followUp)
      """)
    #expect(lines.contains("warning A1 action was not effective and F1 has no follow-up action") == warned)
  }
}

@Suite struct StandardRuleTests {
  static let effective = """
    process P pick pack
    finding "wrong items packed" --step S1
    action F1 "scan every pick" --owner Ana --due 2026-12-01 --review weekly
    done A1
    """

  @Test func anEffectiveActionWithNoStandardIsAWarning() {
    let lines = checkLines(Self.effective + "\neffective A1 --evidence picks")
    #expect(lines.contains("warning A1 action worked but names no new standard"))
  }

  @Test func amendingTheStandardClearsIt() {
    let lines = checkLines(Self.effective + "\neffective A1 --evidence picks\namend A1 --standard every pick is scanned")
    #expect(!lines.contains { $0.contains("names no new standard") })
  }
}
