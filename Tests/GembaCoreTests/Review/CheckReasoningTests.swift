import Testing
@testable import GembaCore

@Suite struct EvidenceRuleTests {
  @Test(arguments: [
    ("why \"Answers differ\"\nconfirm W1", "error W1 confirmed with no evidence cited"),
    (
      "fishbone \"Answers differ\" --template 4S\ncause Systems \"Macro is stale\"\nconfirm C1",
      "error C1 confirmed with no evidence cited"
    ),
  ])
  func confirmedWithoutEvidenceIsAnError(_ script: String, _ expected: String) {
    #expect(checkLines(script).contains(expected))
  }

  @Test func citedConfirmationIsFine() {
    let lines = checkLines(
      """
      why "Answers differ"
      cite W1 tickets#3-9
      confirm W1
      """)
    #expect(!lines.contains { $0.contains("no evidence") })
  }

  @Test func rootStillAHypothesisIsAWarning() {
    #expect(
      checkLines("why \"Answers differ\"\nwhy W1 \"No owner for the refund policy\"\nroot W1.1")
        .contains("warning W1.1 root cause is still a hypothesis"))
  }
}

@Suite struct WhyChainRuleTests {
  @Test(arguments: [
    // Too short, nothing marked.
    ("why \"Answers differ\"\nwhy W1 \"Sources differ\"", "warning W1 why chain stops after 2 whys with no root cause"),
    // Long enough, but it ends at a person.
    (
      "why \"Answers differ\"\nwhy W1 \"Sources differ\"\nwhy W1.1 \"Agents are new\"",
      "warning W1 why chain ends at W1.1.1, which names no process, step, standard or system"
    ),
    // A ruled-out last answer does not count: the chain stops at the why before it.
    (
      "why \"Answers differ\"\nwhy W1 \"Sources differ\"\nwhy W1.1 \"Policy has no owner\"\nrule-out W1.1.1",
      "warning W1 why chain stops after 2 whys with no root cause"
    ),
  ])
  func unbranchedChainThatStopsShortIsAWarning(_ script: String, _ expected: String) {
    #expect(checkLines(script).contains(expected))
  }

  @Test(arguments: [
    // Reaches the process.
    "why \"Answers differ\"\nwhy W1 \"Sources differ\"\nwhy W1.1 \"The refund policy lives in three places\"",
    // Branched: the team asked "why else?".
    "why \"Answers differ\"\nwhy W1 \"Sources differ\"\nwhy W1 \"Agents are new\"",
    // Short, but rooted in the process.
    "why \"Answers differ\"\nwhy W1 \"No single owner of the policy\"\nroot W1.1",
  ])
  func chainsThatReachTheProcessOrBranchAreFine(_ script: String) {
    #expect(!checkLines(script).contains { $0.contains("why chain") })
  }
}

@Suite struct RecordRuleTests {
  @Test(arguments: [
    ("title Refunds", "warning - no problem statement"),
    ("problem \"Answers differ\"", "warning - problem statement has no --expected and no --actual"),
    ("problem \"Answers differ\" --actual \"40%\"", "warning - problem statement has no --expected"),
  ])
  func problemNeedsBothSidesOfTheGap(_ script: String, _ expected: String) {
    #expect(checkLines(script).contains(expected))
  }

  @Test func findingsNeedAStepAndACause() {
    let lines = checkLines(
      """
      \(statedProblem)
      process Refunds intake answer
      why "Answers differ"
      finding "Nobody owns the policy"
      finding "Wiki and macro disagree" --step S1 --cause W1
      """)
    #expect(lines.contains("warning F1 finding is at no process step"))
    #expect(lines.contains("warning F1 finding is tied to no cause"))
    #expect(!lines.contains { $0.contains("F2") })
  }

  @Test func unplacedFindingAdviceDependsOnWhetherThereIsAProcess() {
    let without = Check.review(investigation("finding \"Nobody owns the policy\""))
    let with = Check.review(investigation("process Refunds intake answer\nfinding \"Nobody owns the policy\""))
    #expect(without.first { $0.item?.description == "F1" }?.advice.hasPrefix("lay out the process") == true)
    #expect(
      with.first { $0.item?.description == "F1" }?.advice.hasPrefix("record where the gap appears (amend F1 --step S2")
        == true)
  }

  @Test func actionsWithoutAnyRootCauseAreAWarning() {
    let lines = checkLines(
      """
      \(statedProblem)
      finding "Answers differ"
      action F1 "Add the policy link to the macro" --owner Dana --due 2026-12-15 --review monthly
      """)
    #expect(lines.contains("warning - actions agreed but no root cause is marked"))
  }
}
