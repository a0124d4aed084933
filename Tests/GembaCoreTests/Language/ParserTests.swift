import Testing
@testable import GembaCore

/// What each verb parses into. Errors are in ParserErrorTests.swift.
@Suite struct ParserTests {
  func expectParse(_ source: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
      guard let command = try Parser.parse(source) else {
        Issue.record("no command in \(source.debugDescription)", sourceLocation: sourceLocation)
        return
      }
      #expect(CommandSummary.describe(command) == expected, sourceLocation: sourceLocation)
    } catch {
      Issue.record(
        "unexpected error: \(error.message) at \(error.span.map { "\($0.start)" } ?? "-")",
        sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: [
    ("title Refund answers differ", #"title "Refund answers differ""#),
    ("TITLE \"Refunds\"", #"title "Refunds""#),
    ("problem Agents differ", #"problem "Agents differ""#),
    (
      "problem Customers get different answers --expected one correct answer --actual 3 answers in 40 tickets",
      #"problem "Customers get different answers" expected:"one correct answer" actual:"3 answers in 40 tickets""#
    ),
    ("problem x --actual 3 answers --expected one", #"problem "x" expected:"one" actual:"3 answers""#),
    ("problem \"quoted --expected\" --expected \"a\"", #"problem "quoted --expected" expected:"a""#),
  ])
  func problemAndTitle(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: [
    ("process", "show-process"),
    (
      #"process "Refund request" intake "policy lookup" reply close"#,
      #"process "Refund request" steps:["intake", "policy lookup", "reply", "close"]"#
    ),
    ("step \"check macro version\"", #"step "check macro version""#),
    (
      #"step "check macro version" --after S2 --owner "Support lead""#,
      #"step "check macro version" after:S2 owner:"Support lead""#
    ),
    ("step review --owner Support lead --after s3", #"step "review" after:S3 owner:"Support lead""#),
  ])
  func processAndSteps(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: [
    ("why the macro says 30 days", #"why "the macro says 30 days""#),
    (#"why W1 "the macro still says 30 days""#, #"why under:W1 "the macro still says 30 days""#),
    ("why W1.2.1 nobody owns the macro", #"why under:W1.2.1 "nobody owns the macro""#),
    ("why w2 lower case id", #"why under:W2 "lower case id""#),
    (#"why "W1 was not checked""#, #"why "W1 was not checked""#),
    ("whys", "whys"),
  ])
  func whys(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: [
    ("fishbone", "show-fishbone"),
    ("fishbone Inconsistent answers", #"fishbone "Inconsistent answers" template:none"#),
    (#"fishbone "Inconsistent refund answers" --template 8P"#, #"fishbone "Inconsistent refund answers" template:8P"#),
    ("fishbone x --template 6m", #"fishbone "x" template:6M"#),
    ("fishbone x --template 4S", #"fishbone "x" template:4S"#),
    ("fishbone x --template NONE", #"fishbone "x" template:none"#),
    ("category Systems", #"category "Systems""#),
    ("category \"Physical evidence\"", #"category "Physical evidence""#),
    (#"cause Process "policy lives in three places""#, #"cause bone:"Process" "policy lives in three places""#),
    ("cause Method macro lags policy", #"cause bone:"Method" "macro lags policy""#),
    ("cause C1 nobody owns the sync", #"cause under:C1 "nobody owns the sync""#),
    ("cause C1.2 deeper", #"cause under:C1.2 "deeper""#),
    (#"cause "C1" a bone named like an id"#, #"cause bone:"C1" "a bone named like an id""#),
  ])
  func fishbone(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: [
    ("confirm C2", "confirmed C2"),
    (
      "confirm C2 --because macro edits lag wiki edits by 19 days",
      #"confirmed C2 because:"macro edits lag wiki edits by 19 days""#
    ),
    (
      "rule-out W1.1 --because \"new and senior agents err alike\"",
      #"ruled-out W1.1 because:"new and senior agents err alike""#
    ),
    ("root W1.1.1", "root W1.1.1"),
    ("root c3", "root C3"),
  ])
  func judgement(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: [
    ("finding agents answer from the macro", #"finding "agents answer from the macro""#),
    (#"finding "agents answer from the macro" --step S2"#, #"finding "agents answer from the macro" at:S2"#),
    (#"finding "nobody owns the handoff" --step S2>S3"#, #"finding "nobody owns the handoff" at:S2>S3"#),
    ("finding x --cause C2 C3.1 W1", #"finding "x" causes:[C2, C3.1, W1]"#),
    ("finding x --evidence tickets#12 tickets#20-24 wiki", #"finding "x" evidence:[tickets#12, tickets#20-24, wiki]"#),
    (
      "finding x --step S1 --cause C1 --evidence tickets#3",
      #"finding "x" at:S1 causes:[C1] evidence:[tickets#3]"#
    ),
    (
      "finding x --evidence tickets | where reason = macro | count",
      #"finding "x" evidence:[(query tickets [where reason = macro][count] text:"tickets | where reason = macro | count")]"#
    ),
  ])
  func findings(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: [
    (
      #"amend S2 --name "policy lookup (wiki)" --owner "KB team""#,
      #"amend S2 name:"policy lookup (wiki)" owner:"KB team""#
    ),
    ("amend s3 --owner Lee Park", #"amend S3 owner:"Lee Park""#),
    ("amend F1 --step S2>S3", "amend F1 at:S2>S3"),
    ("amend W1.1 --text the macro lags", #"amend W1.1 text:"the macro lags""#),
  ])
  func amend(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: [
    ("action F1 regenerate macros", #"action F1 "regenerate macros""#),
    (
      #"action F1 "generate macros from the policy page" --owner "Dana (KB owner)" --due 2026-12-15 --review monthly --standard "macros are generated, never edited""#,
      #"action F1 "generate macros from the policy page" owner:"Dana (KB owner)" due:2026-12-15 review:monthly standard:"macros are generated, never edited""#
    ),
    ("action f2 x --review Quarterly --due 2028-02-29", #"action F2 "x" due:2028-02-29 review:quarterly"#),
    ("action F1 x --owner Dana Lee --review weekly", #"action F1 "x" owner:"Dana Lee" review:weekly"#),
    ("done A1", "done A1"),
    ("done A1 --note macros regenerated", #"done A1 note:"macros regenerated""#),
    ("effective A1 --evidence after#1-40", "effective A1 evidence:[after#1-40]"),
    (
      "effective A1 --evidence after#1-40 survey --note fewer reopens",
      #"effective A1 evidence:[after#1-40, survey] note:"fewer reopens""#
    ),
    (
      "effective A1 --evidence after | timeline at --every week --note fewer",
      #"effective A1 evidence:[(query after [timeline at --every week] text:"after | timeline at --every week")] note:"fewer""#
    ),
    ("not-effective A2 --because reopen rate unchanged", #"not-effective A2 because:"reopen rate unchanged""#),
  ])
  func actions(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: [
    (#"event 2026-10-03 "refund window changed""#, #"event 2026-10-03 "refund window changed""#),
    ("event 2026-10-03T14:05 macro edited", #"event 2026-10-03T14:05 "macro edited""#),
    ("event 2026-10-03T14:05:09Z macro edited", #"event 2026-10-03T14:05:09Z "macro edited""#),
    (
      #"event "2026-10-03 14:05" macro edited --evidence log#4"#,
      #"event 2026-10-03 14:05 "macro edited" evidence:[log#4]"#
    ),
    ("signoff \"Quality manager\" \"Priya Shah\"", #"signoff role:"Quality manager" name:"Priya Shah""#),
    ("signoff QM Priya Shah", #"signoff role:"QM" name:"Priya Shah""#),
    ("check", "check"),
    ("status", "status"),
    ("findings", "findings"),
    ("actions", "actions"),
  ])
  func eventsAndReview(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: [
    ("cite C2 tickets#12", "cite C2 [tickets#12]"),
    ("cite W1.1 tickets#12-14 wiki --note the old wording", #"cite W1.1 [tickets#12-14, wiki] note:"the old wording""#),
    ("cite F1 tickets", "cite F1 [tickets]"),
    (
      #"cite C2 tickets | where reason = "wrong macro" | count"#,
      #"cite C2 [(query tickets [where reason = "wrong macro"][count] text:"tickets | where reason = \"wrong macro\" | count")]"#
    ),
    (
      "cite C2 wiki#3 tickets | count by team --note per team",
      #"cite C2 [wiki#3, (query tickets [count by team] text:"tickets | count by team")] note:"per team""#
    ),
    // A query's own options stay in the query; the verb's options still end it.
    (
      "cite W1 defects | spc picked_at --by week --note weekly",
      #"cite W1 [(query defects [spc picked_at --by week] text:"defects | spc picked_at --by week")] note:"weekly""#
    ),
  ])
  func cite(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: [
    ("load evidence/tickets.csv", #"load "evidence/tickets.csv""#),
    ("load evidence/tickets.csv as tickets", #"load "evidence/tickets.csv" as:tickets"#),
    ("load \"my notes.md\" AS notes --format md", #"load "my notes.md" as:notes format:md"#),
    ("evidence", "evidence"),
    ("show tickets", "show tickets"),
    ("show tickets --limit 5", "show tickets limit:5"),
    ("show tickets --limit 0 --format json", "show tickets limit:0 format:json"),
    (
      "tickets | where reopened = yes | count by team",
      #"query tickets [where reopened = yes][count by team] text:"tickets | where reopened = yes | count by team""#
    ),
    ("tickets|count", #"query tickets [count] text:"tickets | count""#),
    (
      "tickets | where reopened = yes | pareto by reason",
      #"query tickets [where reopened = yes][pareto by reason] text:"tickets | where reopened = yes | pareto by reason""#
    ),
    ("pareto tickets by reason", #"query tickets [pareto by reason] text:"tickets | pareto by reason""#),
    (
      "pareto tickets by reason --sum cost",
      #"query tickets [pareto by reason --sum cost] text:"tickets | pareto by reason --sum cost""#
    ),
    (
      "histogram tickets handle_minutes --bins 10",
      #"query tickets [histogram handle_minutes --bins 10] text:"tickets | histogram handle_minutes --bins 10""#
    ),
    (
      "timeline tickets opened_at --every week",
      #"query tickets [timeline opened_at --every week] text:"tickets | timeline opened_at --every week""#
    ),
    (
      "spc tickets handle_minutes --by day",
      #"query tickets [spc handle_minutes --by day] text:"tickets | spc handle_minutes --by day""#
    ),
    (#"grep applog "time out""#, #"query applog [grep "time out"] text:"applog | grep \"time out\"""#),
    ("metric dpmo --defects 37 --units 1200 --opportunities 4", "metric dpmo defects:37 opportunities:4 units:1200"),
    ("metric RTY --yields 0.9 0.95 0.99", "metric rty yields:0.9 0.95 0.99"),
  ])
  func evidence(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: [
    ("timeline", "show-timeline"),
    ("note \"Team agrees the PDF is not used\"", #"note "Team agrees the PDF is not used""#),
    ("note \"\"\"\nline one\nline two\n\"\"\"", #"note "line one\nline two""#),
    ("undo", "undo"),
    ("redo", "redo"),
    ("history", "history"),
    ("help", "help"),
    ("help action", "help topic:action"),
    ("save", "save"),
    ("save copies/refunds.md", #"save path:"copies/refunds.md""#),
    ("export MD record.md", #"export md "record.md""#),
    ("export sop sop-new.md --sop SOP.md", #"export sop "sop-new.md" sop:"SOP.md""#),
    ("run templates/refund-review.gemba", #"run "templates/refund-review.gemba""#),
    ("quit", "quit"),
  ])
  func session(source: String, expected: String) { expectParse(source, expected) }

  @Test(arguments: ["", "   ", "# only a comment", " \\"])
  func nothingToRun(source: String) throws {
    #expect(try Parser.parse(source) == nil)
  }

  @Test func valuesKeepTheirSpans() throws {
    let input = MarkedText("action 1️⃣F12️⃣ fix --due 3️⃣2026-12-154️⃣")
    guard case .action(let spec) = try Parser.parse(input.text) else {
      Issue.record("not an action")
      return
    }
    #expect(spec.finding.span == SourceSpan(start: input[1], end: input[2]))
    let cited = MarkedText("cite C1 1️⃣tickets#32️⃣ 3️⃣log4️⃣ | count", firstLine: 4)
    guard case .cite(_, let targets, _) = try Parser.parse(cited.text, firstLine: 4) else {
      Issue.record("not a citation")
      return
    }
    guard case .rows(let ref) = targets[0], case .query(let query) = targets[1] else {
      Issue.record("expected rows then a query: \(targets)")
      return
    }
    #expect(ref.span == SourceSpan(start: cited[1], end: cited[2]))
    #expect(query.evidence.span == SourceSpan(start: cited[3], end: cited[4]))
  }

  @Test(arguments: [
    "plain", "two words", "", "with \"quotes\"", "back\\slash", "new\nline", "tab\there", "a|b", "#hash", "--option",
    "ends with \\",
  ])
  func quoteReadsBackAsOneValue(text: String) throws {
    let tokens = try Lexer.tokenize("note " + Parser.quote(text))
    #expect(tokens.count == 2)
    #expect(tokens.last?.text == text)
    #expect(tokens.last?.isValue == true)
  }
}
