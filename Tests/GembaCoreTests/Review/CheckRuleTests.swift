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
    // The three a new user saw pass.
    ("Dispatcher Maria did not read the photo notes", "\"Dispatcher Maria\" \"did not read\""),
    ("Staff lack of training", "\"Staff\" \"lack of training\""),
    ("The employee made a mistake", "\"The employee\" \"made a mistake\""),
    ("Agent forgot to apply the 30-day rule", "\"Agent\" \"forgot to apply\""),
    ("Human error", "\"Human error\""),
    ("Operator didn't follow the SOP", "\"Operator\" \"didn't follow\""),
    ("Operator didn\u{2019}t follow the SOP", "\"Operator\" \"didn't follow\""),
    ("Agents did not follow the refund policy", "\"Agents\" \"did not follow\""),
    ("Careless data entry", "\"Careless data entry\""),
    ("Negligence by the night shift", "\"the night shift\" \"Negligence\""),
    ("Staff not paying attention", "\"Staff\" \"not paying attention\""),
    ("A mistake by the new agent", "\"the new agent\" \"mistake by\""),
    ("Agent should have known the rule", "\"Agent\" \"should have known\""),
    ("Operator error at intake", "\"Operator error\""),
  ])
  func rootCauseThatBlamesAPersonIsAnError(_ text: String, _ quoted: String) {
    let lines = checkLines(
      """
      why "Refund answers differ"
      why W1 "\(text)"
      root W1.1
      """)
    #expect(lines.contains("error W1.1 root cause blames a person: \(quoted)"))
  }

  @Test(arguments: [
    "The form makes it easy to forget the order date",
    "No field for the order date on the refund form",
    "Policy lives in three places with no owner",
    // A role as the object of the shortfall, not its subject.
    "The dispatch screen does not show photo notes to the dispatcher",
    "No checklist step requires the operator to verify the torque",
    "The review blamed the operator, but the screen hides the field",
  ])
  func processWordingIsNotBlame(_ text: String) {
    let lines = checkLines(
      """
      why "Refund answers differ"
      why W1 "\(text)"
      root W1.1
      """)
    #expect(!lines.contains { $0.contains("blames a person") })
  }

  /// A capitalised tool or one of this investigation's own steps at a sentence's start is a
  /// thing, not a person; a team member's name stays a name.
  @Test func toolsAndTheInvestigationsOwnStepsAreNotNames() {
    let steps = """
      step Intake --owner "Dana Reyes"
      step Triage --owner "Grant Okafor"
      team "Grant Okafor" --role member
      why "Refund answers differ"
      """
    for text in [
      "Jira did not send the reminder", "Intake did not flag the missing order date",
      "Refunds are late because Triage did not flag the date",
    ] {
      let lines = checkLines(steps + "\nwhy W1 \"\(text)\"\nroot W1.1")
      #expect(!lines.contains { $0.contains("blames a person") }, "\(text): \(lines)")
    }
    let lines = checkLines(steps + "\nwhy W1 \"Grant did not flag the date\"\nroot W1.1")
    #expect(lines.contains("error W1.1 root cause blames a person: \"Grant\" \"did not flag\""), "\(lines)")
  }

  @Test func onlyRootCausesAreJudgedForBlame() {
    let lines = checkLines(
      """
      fishbone "Refund answers differ" --template 6M
      cause Manpower "Agents forgot the rule"
      cause Method "No check for the order date at intake"
      root C2
      """)
    #expect(!lines.contains { $0.contains("blames a person") })
  }

  @Test func fishboneRootCausesAreJudgedToo() {
    let lines = checkLines(
      """
      fishbone "Refund answers differ" --template 6M
      cause Manpower "Human error"
      root C1
      """)
    #expect(lines.first == "error C1 root cause blames a person: \"Human error\"")
  }

  @Test func theAdviceAsksForTheProcessCause() {
    let review = Check.review(
      investigation("why \"Late dispatch\"\nwhy W1 \"Dispatcher Maria did not read the photo notes\"\nroot W1.1"))
    let blame = review.first { $0.message.hasPrefix("root cause blames a person") }
    #expect(
      blame?.advice.hasPrefix("name what in the process made it likely (a screen, a form, a step, a standard)") == true)
    #expect(
      blame?.advice.hasSuffix("Record that answer (why W1.1 TEXT), mark it as the root cause, and unroot W1.1") == true)
  }

  @Test(arguments: [
    ("The operator forgot the second bolt", true),
    ("The torque log shows the second bolt at zero on 14 of 15 units", false),
  ])
  func aProcessRootConfirmedOnBlameIsAWarning(_ reason: String, _ warned: Bool) {
    let lines = checkLines(
      """
      why "Loose bolts"
      why W1 "The work instruction shows one bolt where the part has two"
      cite W1.1 torque#1-15
      confirm W1.1 --because "\(reason)"
      root W1.1
      """)
    #expect(
      lines.contains(
        "warning W1.1 root cause is confirmed on a reason that blames a person: \"The operator\" \"forgot\"") == warned)
    #expect(!lines.contains { $0.contains("blames a person") } == !warned)
  }

  @Test func aLastWhyThatBlamesEndsTheChainShortEvenWhenItNamesTheProcess() {
    let lines = checkLines(
      """
      why "Loose bolts"
      why W1 "Torque not checked"
      why W1.1 "The operator ignored the torque step in the SOP"
      """)
    #expect(lines.contains("warning W1 why chain ends at W1.1.1, which names no process, step, standard or system"))
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
    let lines = checkLines(
      """
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
    let lines = checkLines(
      """
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
    let lines = checkLines(
      """
      finding "Answers differ"
      action F1 "Add the policy link to the macro" \(options)
      """)
    #expect(lines.filter { $0.hasPrefix("error A1 action has") } == ["error A1 \(message)"])
  }

  @Test func doneButUncheckedIsAWarning() {
    let lines = checkLines(
      """
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
    let lines = checkLines(
      """
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
    let lines = checkLines(
      Self.effective + "\neffective A1 --evidence picks\namend A1 --standard every pick is scanned")
    #expect(!lines.contains { $0.contains("names no new standard") })
  }
}
