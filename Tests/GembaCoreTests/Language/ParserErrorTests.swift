import Testing
@testable import GembaCore

/// Every error names what was expected and points at the token at fault (marker 1️⃣;
/// where the span's end matters, 2️⃣).
extension ParserTests {
  func expectError(
    _ marked: String, _ code: DiagnosticCode, note: String? = nil, firstLine: Int = 1,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let input = MarkedText(marked, firstLine: firstLine)
    guard
      let d = diagnostic(
        sourceLocation: sourceLocation, { () throws(Diagnostic) in try Parser.parse(input.text, firstLine: firstLine) })
    else { return }
    #expect(d.code == code, "\(d.message)", sourceLocation: sourceLocation)
    #expect(d.span?.start == input[1], "span starts at the marker", sourceLocation: sourceLocation)
    if marked.contains("2️⃣") {
      #expect(d.span?.end == input[2], "span ends at the second marker", sourceLocation: sourceLocation)
    }
    if let note {
      #expect(d.notes.contains(note), "notes: \(d.notes)", sourceLocation: sourceLocation)
    }
  }

  @Test(
    arguments: [
      ("1️⃣probem2️⃣ Agents differ", .unknownCommand, "did you mean `problem`?"),
      ("1️⃣conf2️⃣ C2", .unknownCommand, "did you mean `confirm`?"),
      ("1️⃣rule_out2️⃣ C2", .unknownCommand, "did you mean `rule-out`?"),
      ("1️⃣xyzzy2️⃣", .unknownCommand, "type `help` for the list of commands"),
      ("1️⃣--expected2️⃣ x", .unknownCommand, nil),
      ("1️⃣\"problem\"2️⃣ x", .unknownCommand, nil),
      ("1️⃣|2️⃣ count", .unknownCommand, nil),
    ] as [(String, DiagnosticCode, String?)])
  func unknownCommand(marked: String, code: DiagnosticCode, note: String?) {
    expectError(marked, code, note: note)
  }

  @Test(
    arguments: [
      ("problem x 1️⃣--expectd2️⃣ y", .unknownOption, "did you mean `--expected`?"),
      ("problem x --expected a 1️⃣--expected2️⃣ b", .repeatedOption, nil),
      ("whys 1️⃣--all2️⃣", .unknownOption, "`whys` takes no options"),
      ("not-effective A1 1️⃣--note2️⃣ x", .unknownOption, "usage: not-effective Ax --because TEXT"),
      ("done A1 1️⃣--because2️⃣ x", .unknownOption, "usage: done Ax [--note TEXT]"),
      ("action F1 fix 1️⃣--due2️⃣", .missingArgument, "usage: " + CommandCatalog.spec("action")!.usage),
      ("action F1 fix 1️⃣--due2️⃣ --owner Dana", .missingArgument, nil),
      ("confirm C1 1️⃣--because2️⃣", .missingArgument, nil),
      ("show tickets 1️⃣--limit2️⃣ | count", .missingArgument, nil),
    ] as [(String, DiagnosticCode, String?)])
  func badOption(marked: String, code: DiagnosticCode, note: String?) {
    expectError(marked, code, note: note)
  }

  @Test(
    arguments: [
      ("action F1 fix --due 1️⃣2026-02-302️⃣", .invalidDate, "write dates as YYYY-MM-DD, e.g. 2026-12-15"),
      ("action F1 fix --due 1️⃣2026-13-012️⃣", .invalidDate, nil),
      ("action F1 fix --due 1️⃣15/12/20262️⃣", .invalidDate, nil),
      ("action F1 fix --due 1️⃣2026-+1-012️⃣", .invalidDate, nil),
      ("action F1 fix --review 1️⃣montly2️⃣", .invalidOptionValue, "did you mean `monthly`?"),
      ("action F1 fix --review 1️⃣daily2️⃣", .invalidOptionValue, "`--review` takes one of: weekly, monthly, quarterly"),
      ("fishbone x --template 1️⃣7M2️⃣", .invalidOptionValue, "did you mean `6M`?"),
      ("fishbone --template 1️⃣6M2️⃣", .missingArgument, nil),
      ("event 1️⃣yesterday2️⃣ meeting", .invalidDate, nil),
      ("event 1️⃣2026-10-03T25:002️⃣ late", .invalidDate, nil),
      ("event 1️⃣2026-10-03T+1:002️⃣ x", .invalidDate, nil),
      ("show tickets --limit 1️⃣-12️⃣", .invalidOptionValue, nil),
      ("show tickets --limit 1️⃣five2️⃣", .invalidOptionValue, nil),
      ("load x.csv as 1️⃣9lives2️⃣", .invalidEvidenceName, nil),
    ] as [(String, DiagnosticCode, String?)])
  func badValue(marked: String, code: DiagnosticCode, note: String?) {
    expectError(marked, code, note: note)
  }

  @Test(
    arguments: [
      ("finding x --step 1️⃣S2>2️⃣", .invalidID, nil),
      ("finding x --step 1️⃣C22️⃣", .invalidID, nil),
      ("finding x --step 1️⃣S1>S2>S32️⃣", .invalidID, nil),
      ("amend S2 1️⃣lookup2️⃣", .optionNotApplicable, "to change the name: amend S2 --name NEW NAME"),
      ("amend W1 1️⃣lookup2️⃣", .optionNotApplicable, "to change the text: amend W1 --text NEW TEXT"),
      ("amend 1️⃣S22️⃣", .missingArgument, nil),
      ("finding x --step 1️⃣S2>S22️⃣", .againstProcessOrder, nil),
      ("finding x --cause 1️⃣F12️⃣", .invalidID, nil),
      ("confirm 1️⃣F12️⃣", .invalidID, nil),
      ("root 1️⃣tickets2️⃣", .invalidID, nil),
      ("action 1️⃣C12️⃣ fix", .invalidID, nil),
      ("done 1️⃣F12️⃣", .invalidID, nil),
      ("step x --after 1️⃣W12️⃣", .invalidID, nil),
      ("cite 1️⃣S12️⃣ tickets", .invalidID, nil),
      ("why 1️⃣S12️⃣ because", .invalidID, "to start a new tree, quote the text: why \"S1 …\""),
    ] as [(String, DiagnosticCode, String?)])
  func wrongIdKind(marked: String, code: DiagnosticCode, note: String?) {
    expectError(marked, code, note: note)
  }

  @Test(
    arguments: [
      ("root W1 1️⃣extra2️⃣", .unexpectedToken, nil),
      ("whys 1️⃣now2️⃣", .unexpectedToken, nil),
      ("show tickets --limit 5 1️⃣\"more\"2️⃣", .unexpectedToken, nil),
      ("load a.csv as t 1️⃣extra2️⃣", .unexpectedToken, nil),
      ("note a 1️⃣|2️⃣ b", .unexpectedToken, "quote text that contains `|`"),
      ("cite C1 tickets#1 1️⃣bad#0-2️⃣", .invalidEvidenceReference, nil),
      ("cite C1 1️⃣|2️⃣ count", .querySyntax, nil),
      ("tickets | where x = 1 | 1️⃣|2️⃣ count", .querySyntax, nil),
      ("tickets | count 1️⃣|2️⃣", .querySyntax, "add a stage such as `count` after it"),
      ("tickets 1️⃣x2️⃣ | count", .querySyntax, nil),
      ("pareto 1️⃣\"my file\"2️⃣ by x", .querySyntax, nil),
      // Evidence may be named like a verb (`actions | count`), so a verb followed by `|` is a query.
      ("help 1️⃣|2️⃣", .querySyntax, nil),
    ] as [(String, DiagnosticCode, String?)])
  func extraOrMisplaced(marked: String, code: DiagnosticCode, note: String?) {
    expectError(marked, code, note: note)
  }

  /// A missing argument is reported just after what was typed, with the usage and the example.
  @Test(
    arguments: [
      ("problem1️⃣", .missingArgument),
      ("problem1️⃣ --expected one", .missingArgument),
      ("title1️⃣ ", .missingArgument),
      ("cause Method1️⃣", .missingArgument),
      ("action F11️⃣", .missingArgument),
      // `effective A1` alone parses: with no --evidence it runs the action's planned check (or apply refuses).
      ("not-effective A11️⃣", .missingOption),
      ("cite C11️⃣", .missingArgument),
      ("load1️⃣", .missingArgument),
      ("load x.csv as1️⃣", .missingArgument),
      ("signoff QM1️⃣", .missingArgument),
      ("process Refunds1️⃣", .missingArgument),
      ("export md1️⃣", .missingArgument),
      ("pareto1️⃣", .missingArgument),
      ("grep1️⃣", .missingArgument),
    ] as [(String, DiagnosticCode)])
  func missingArgument(marked: String, code: DiagnosticCode) {
    expectError(marked, code)
  }

  @Test func errorsOnLaterLinesOfOneCommand() {
    expectError("problem x \\\n  1️⃣--expectd2️⃣ y", .unknownOption, note: "did you mean `--expected`?")
    expectError("note \"\"\"\nfirst\nsecond\n\"\"\" 1️⃣|2️⃣ x", .unexpectedToken)
  }

  @Test func errorsCountFromTheCommandsFirstLine() {
    expectError("1️⃣probem2️⃣ x", .unknownCommand, firstLine: 7)
    expectError("why a \\\n  b 1️⃣--x2️⃣", .unknownOption, firstLine: 30)
  }
}
