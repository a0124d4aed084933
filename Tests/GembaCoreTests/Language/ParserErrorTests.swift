import Testing
@testable import GembaCore

/// Every error names what was expected and points at the token at fault (marker 1️⃣;
/// where the span's end matters, 2️⃣).
extension ParserTests {
  func expectError(
    _ marked: String, _ message: String, note: String? = nil, firstLine: Int = 1,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let input = MarkedText(marked, firstLine: firstLine)
    guard let d = diagnostic(sourceLocation: sourceLocation, { () throws(Diagnostic) in try Parser.parse(input.text, firstLine: firstLine) })
    else { return }
    #expect(d.message == message, sourceLocation: sourceLocation)
    #expect(d.span?.start == input[1], "span starts at the marker", sourceLocation: sourceLocation)
    if marked.contains("2️⃣") {
      #expect(d.span?.end == input[2], "span ends at the second marker", sourceLocation: sourceLocation)
    }
    if let note {
      #expect(d.notes.contains(note), "notes: \(d.notes)", sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: [
    ("1️⃣probem2️⃣ Agents differ", "unknown command `probem`", "did you mean `problem`?"),
    ("1️⃣conf2️⃣ C2", "unknown command `conf`", "did you mean `confirm`?"),
    ("1️⃣rule_out2️⃣ C2", "unknown command `rule_out`", "did you mean `rule-out`?"),
    ("1️⃣xyzzy2️⃣", "unknown command `xyzzy`", "type `help` for the list of commands"),
    ("1️⃣--expected2️⃣ x", "expected a command, found option `--expected`", nil),
    ("1️⃣\"problem\"2️⃣ x", "expected a command, found a string", nil),
    ("1️⃣|2️⃣ count", "expected a command, found `|`", nil),
  ] as [(String, String, String?)])
  func unknownCommand(marked: String, message: String, note: String?) {
    expectError(marked, message, note: note)
  }

  @Test(arguments: [
    ("problem x 1️⃣--expectd2️⃣ y", "`problem` has no option `--expectd`", "did you mean `--expected`?"),
    ("problem x --expected a 1️⃣--expected2️⃣ b", "option `--expected` given twice", nil),
    ("whys 1️⃣--all2️⃣", "`whys` has no option `--all`", "`whys` takes no options"),
    ("not-effective A1 1️⃣--note2️⃣ x", "`not-effective` has no option `--note`", "usage: not-effective Ax --because TEXT"),
    ("done A1 1️⃣--because2️⃣ x", "`done` has no option `--because`", "usage: done Ax [--note TEXT]"),
    ("action F1 fix 1️⃣--due2️⃣", "option `--due` needs a value (YYYY-MM-DD)", "usage: " + CommandCatalog.spec("action")!.usage),
    ("action F1 fix 1️⃣--due2️⃣ --owner Dana", "option `--due` needs a value (YYYY-MM-DD)", nil),
    ("confirm C1 1️⃣--because2️⃣", "option `--because` needs a value (TEXT)", nil),
    ("show tickets 1️⃣--limit2️⃣ | count", "option `--limit` needs a value (N)", nil),
  ] as [(String, String, String?)])
  func badOption(marked: String, message: String, note: String?) {
    expectError(marked, message, note: note)
  }

  @Test(arguments: [
    ("action F1 fix --due 1️⃣2026-02-302️⃣", "`2026-02-30` is not a date: month 2 of 2026 has 28 days, not 30", "write dates as YYYY-MM-DD, e.g. 2026-12-15"),
    ("action F1 fix --due 1️⃣2026-13-012️⃣", "`2026-13-01` is not a date: there is no month 13", nil),
    ("action F1 fix --due 1️⃣15/12/20262️⃣", "`15/12/2026` is not a date: write YYYY-MM-DD, e.g. 2026-12-15", nil),
    ("action F1 fix --due 1️⃣2026-+1-012️⃣", "`2026-+1-01` is not a date: write YYYY-MM-DD, e.g. 2026-12-15", nil),
    ("action F1 fix --review 1️⃣montly2️⃣", "`montly` is not a valid --review", "did you mean `monthly`?"),
    ("action F1 fix --review 1️⃣daily2️⃣", "`daily` is not a valid --review", "`--review` takes one of: weekly, monthly, quarterly"),
    ("fishbone x --template 1️⃣7M2️⃣", "`7M` is not a valid --template", "did you mean `6M`?"),
    ("fishbone --template 1️⃣6M2️⃣", "`fishbone --template` needs the effect too", nil),
    ("event 1️⃣yesterday2️⃣ meeting", "`yesterday` is not a date or time", nil),
    ("event 1️⃣2026-10-03T25:002️⃣ late", "`2026-10-03T25:00` is not a date or time", nil),
    ("event 1️⃣2026-10-03T+1:002️⃣ x", "`2026-10-03T+1:00` is not a date or time", nil),
    ("show tickets --limit 1️⃣-12️⃣", "`--limit` takes a whole number, not `-1`", nil),
    ("show tickets --limit 1️⃣five2️⃣", "`--limit` takes a whole number, not `five`", nil),
    ("load x.csv as 1️⃣9lives2️⃣", "`9lives` cannot name evidence", nil),
  ] as [(String, String, String?)])
  func badValue(marked: String, message: String, note: String?) {
    expectError(marked, message, note: note)
  }

  @Test(arguments: [
    ("finding x --step 1️⃣S2>2️⃣", "expected a step like S2, or a handoff like S2>S3, found `S2>`", nil),
    ("finding x --step 1️⃣C22️⃣", "expected a step like S2, or a handoff like S2>S3, found `C2`", nil),
    ("finding x --step 1️⃣S1>S2>S32️⃣", "expected a step like S2, or a handoff like S2>S3, found `S1>S2>S3`", nil),
    ("amend S2 1️⃣lookup2️⃣", "`amend` takes options only", "to change the name: amend S2 --name NEW NAME"),
    ("amend W1 1️⃣lookup2️⃣", "`amend` takes options only", "to change the text: amend W1 --text NEW TEXT"),
    ("amend 1️⃣S22️⃣", "`amend S2` needs something to change", nil),
    ("finding x --step 1️⃣S2>S22️⃣", "a handoff is between two different steps", nil),
    ("finding x --cause 1️⃣F12️⃣", "expected a cause id like C2, found `F1`", nil),
    ("confirm 1️⃣F12️⃣", "expected a why or cause id like W1.2 or C3, found `F1`", nil),
    ("root 1️⃣tickets2️⃣", "expected a why or cause id like W1.2 or C3, found `tickets`", nil),
    ("action 1️⃣C12️⃣ fix", "expected a finding id like F1, found `C1`", nil),
    ("done 1️⃣F12️⃣", "expected an action id like A1, found `F1`", nil),
    ("step x --after 1️⃣W12️⃣", "expected a step id like S2, found `W1`", nil),
    ("cite 1️⃣S12️⃣ tickets", "expected a why, cause or finding id, found `S1`", nil),
    ("why 1️⃣S12️⃣ because", "`why` answers under a why id like W1, not S1", "to start a new tree, quote the text: why \"S1 …\""),
  ] as [(String, String, String?)])
  func wrongIdKind(marked: String, message: String, note: String?) {
    expectError(marked, message, note: note)
  }

  @Test(arguments: [
    ("root W1 1️⃣extra2️⃣", "unexpected `extra` after `root`", nil),
    ("whys 1️⃣now2️⃣", "unexpected `now` after `whys`", nil),
    ("show tickets --limit 5 1️⃣\"more\"2️⃣", "unexpected text \"more\" after `show`", nil),
    ("load a.csv as t 1️⃣extra2️⃣", "unexpected `extra` after `load`", nil),
    ("note a 1️⃣|2️⃣ b", "unexpected `|` here", "quote text that contains `|`"),
    ("cite C1 tickets#1 1️⃣bad#0-2️⃣", "expected evidence like tickets, tickets#12 or tickets#12-40, found `bad#0-`", nil),
    ("cite C1 1️⃣|2️⃣ count", "a query needs an evidence name before `|`", nil),
    ("tickets | where x = 1 | 1️⃣|2️⃣ count", "empty stage between two `|`", nil),
    ("tickets | count 1️⃣|2️⃣", "the pipeline ends with `|`", "add a stage such as `count` after it"),
    ("tickets 1️⃣x2️⃣ | count", "expected `|` after the evidence name `tickets`", nil),
    ("pareto 1️⃣\"my file\"2️⃣ by x", "expected an evidence name after `pareto`", nil),
    // Evidence may be named like a verb (`actions | count`), so a verb followed by `|` is a query.
    ("help 1️⃣|2️⃣", "the pipeline ends with `|`", nil),
  ] as [(String, String, String?)])
  func extraOrMisplaced(marked: String, message: String, note: String?) {
    expectError(marked, message, note: note)
  }

  /// A missing argument is reported just after what was typed, with the usage and the example.
  @Test(arguments: [
    ("problem1️⃣", "`problem` needs the problem statement"),
    ("problem1️⃣ --expected one", "`problem` needs the problem statement"),
    ("title1️⃣ ", "`title` needs a title"),
    ("cause Method1️⃣", "`cause` needs the cause"),
    ("action F11️⃣", "`action` needs what the action does"),
    // `effective A1` alone parses: with no --evidence it runs the action's planned check (or apply refuses).
    ("not-effective A11️⃣", "`not-effective` needs --because: what showed it did not work"),
    ("cite C11️⃣", "`cite` needs evidence: NAME, NAME#12, NAME#12-40 or a query"),
    ("load1️⃣", "`load` needs a file path"),
    ("load x.csv as1️⃣", "`load` needs a name after `as`"),
    ("signoff QM1️⃣", "`signoff` needs the approver's name"),
    ("process Refunds1️⃣", "`process` needs at least one step after the process name"),
    ("export md1️⃣", "`export` needs an output path"),
    ("pareto1️⃣", "`pareto` needs an evidence name"),
    ("grep1️⃣", "`grep` needs an evidence name"),
  ])
  func missingArgument(marked: String, message: String) {
    expectError(marked, message)
  }

  @Test func errorsOnLaterLinesOfOneCommand() {
    expectError("problem x \\\n  1️⃣--expectd2️⃣ y", "`problem` has no option `--expectd`", note: "did you mean `--expected`?")
    expectError("note \"\"\"\nfirst\nsecond\n\"\"\" 1️⃣|2️⃣ x", "unexpected `|` here")
  }

  @Test func errorsCountFromTheCommandsFirstLine() {
    expectError("1️⃣probem2️⃣ x", "unknown command `probem`", firstLine: 7)
    expectError("why a \\\n  b 1️⃣--x2️⃣", "`why` has no option `--x`", firstLine: 30)
  }
}
