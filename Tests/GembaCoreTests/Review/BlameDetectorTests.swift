import Testing
@testable import GembaCore

@Suite struct BlameDetectorTests {
  /// Precision and recall with "blames" as the positive class.
  struct Score: CustomStringConvertible {
    var count = 0, truePositives = 0, falsePositives = 0, falseNegatives = 0
    var precision: Double {
      truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    var recall: Double {
      truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    var description: String {
      "precision \(NumberFormat.decimal(precision, places: 2)), recall \(NumberFormat.decimal(recall, places: 2))"
    }

    init(_ statements: [BlameCorpus.Statement], misses: inout [String]) {
      for s in statements {
        count += 1
        let found = BlameDetector.find(in: s.text)
        switch (s.blames, found != nil) {
        case (true, true): truePositives += 1
        case (false, true): falsePositives += 1; misses.append("wrongly blames: \(s.text) — \(found!.quoted)")
        case (true, false): falseNegatives += 1; misses.append("missed blame: \(s.text)")
        case (false, false): break
        }
      }
    }
  }

  @Test func corpusPrecisionAndRecall() {
    var misses: [String] = []
    let whole = Score(BlameCorpus.all, misses: &misses)
    var ignored: [String] = []
    let heldOut = Score(BlameCorpus.heldOut, misses: &ignored)
    print("blame corpus: \(whole.count) statements, \(whole) (held-out \(heldOut.count): \(heldOut))")
    misses.forEach { print("  " + $0) }
    #expect(whole.precision >= 0.9)
    #expect(whole.recall >= 0.9)
  }

  @Test(arguments: [
    ("Dispatcher Maria did not read the photo notes", "Dispatcher Maria", "did not read"),
    ("Operator didn’t follow the SOP", "Operator", "didn't follow"),
    ("The employee made a mistake", "The employee", "made a mistake"),
    ("Maria from billing forgot to apply the credit", "Maria from billing", "forgot to apply"),
    ("Agent K. Smith closed the ticket without reading the reply", "Agent K. Smith", "without reading"),
    ("Staff lack of training", "Staff", "lack of training"),
    ("Carelessness of the picker", "the picker", "Carelessness"),
    ("Maria's mistake on the invoice", "Maria", "Maria's mistake"),
    ("The nurse, who was new, was not careful", "The nurse", "was not careful"),
  ])
  func findingNamesWhoAndWhat(_ text: String, _ subject: String, _ predicate: String) {
    let found = BlameDetector.find(in: text)
    #expect(found?.subject == subject)
    #expect(found?.predicate == predicate)
    #expect(found?.sentence == text)
  }

  @Test func nominalBlameNamesNoOne() {
    let found = BlameDetector.find(in: "Human error during order entry")
    #expect(found?.subject == nil)
    #expect(found?.quoted == "\"Human error\"")
  }

  @Test func theBlamingSentenceIsQuotedNotTheWholeText() {
    let found = BlameDetector.find(in: "Labels print late. He forgot to scan the tote.")
    #expect(found?.sentence == "He forgot to scan the tote.")
    #expect(found?.subject == "He")
  }

  @Test(arguments: [
    // A role as object or modifier of a thing that falls short.
    "The screen does not show the note to the operator",
    "The operator's checklist does not list the torque step",
    // The slip, explained by the process.
    "The operator forgot the torque step because the checklist does not list it",
    "The checklist does not list the torque step, so the operator forgot it",
    "It is easy to forget the torque step",
    // Nobody, not somebody.
    "Nobody checks the seals at goods-in",
    // A plural or gerund at the start is not a name.
    "Backups never completed on Sundays",
  ])
  func systemicWordingIsNotBlame(_ text: String) {
    #expect(BlameDetector.find(in: text) == nil, "\(BlameDetector.find(in: text).map(\.quoted) ?? "")")
  }
}
