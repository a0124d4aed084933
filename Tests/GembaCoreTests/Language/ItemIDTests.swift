import Testing
@testable import GembaCore

@Suite struct ItemIDTests {
  @Test(arguments: [
    ("S1", "S1"), ("s12", "S12"), ("W1", "W1"), ("W1.2", "W1.2"), ("w1.2.3", "W1.2.3"), ("C3", "C3"), ("C3.1", "C3.1"),
    ("F1", "F1"), ("A4", "A4"), ("k2", "K2"), ("E1", "E1"), ("E1.2", "E1.2"), ("X3", "X3"),
  ])
  func parses(text: String, expected: String) throws {
    let id = try #require(ItemID(text))
    #expect(id.description == expected)
  }

  @Test(arguments: [
    "", "S", "W", "S0", "W1.", "W.1", "W1..2", "W1.0", "S1.1", "F1.2", "A2.1", "X1.2", "K1.1", "Z1", "Q1", "1", "W-1",
    "W+1", "W1.+2", "W１",
    "tickets", "Method", "C1a",
  ])
  func rejects(text: String) {
    #expect(ItemID(text) == nil)
  }

  @Test func familyAndOrder() throws {
    let id = try #require(ItemID("W1.2.3"))
    #expect(id.kind == .why)
    #expect(id.path == [1, 2, 3])
    #expect(id.parent?.description == "W1.2")
    #expect(id.parent?.parent?.parent == nil)
    #expect(id.child(4).description == "W1.2.3.4")
    let sorted = ["W2", "W1.10", "W1.2", "W1", "C1", "A1"].compactMap { ItemID($0) }.sorted().map(\.description)
    #expect(sorted == ["A1", "C1", "W1", "W1.2", "W1.10", "W2"])
  }
}

@Suite struct CalendarDateTests {
  @Test(arguments: ["2026-12-15", "2028-02-29", "2000-02-29", "2026-04-30", "1900-01-01", "2999-12-31"])
  func accepts(text: String) {
    #expect(CalendarDate(text)?.description == text)
  }

  @Test(arguments: [
    "0999-01-01", "0000-01-01", "3000-01-01", "2026-02-29", "2100-02-29", "2026-02-30", "2026-04-31", "2026-13-01",
    "2026-00-10", "2026-01-00",
    "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T10:00", "", "2026-+1-01", "+026-01-01", "2026-01-+1",
  ])
  func rejects(text: String) {
    #expect(CalendarDate(text) == nil)
  }

  @Test func ordersByDay() {
    #expect(CalendarDate("2026-01-31")! < CalendarDate("2026-02-01")!)
  }
}

@Suite struct EventTimeTests {
  @Test(arguments: [
    ("2026-10-03", "2026-10-03T00:00:00"),
    ("2026-10-03T14:05", "2026-10-03T14:05:00"),
    ("2026-10-03 14:05", "2026-10-03T14:05:00"),
    ("2026-10-03T14:05:09", "2026-10-03T14:05:09"),
    ("2026-10-03T14:05:09Z", "2026-10-03T14:05:09"),
  ])
  func normalises(text: String, sortKey: String) {
    #expect(EventTime(text)?.sortKey == sortKey)
    #expect(EventTime(text)?.text == text)
  }

  @Test(arguments: [
    "2026-10-03T", "2026-10-03T24:00", "2026-10-03T12:60", "2026-10-03T1:00", "2026-10-03T12", "2026-10-03T12:00:61",
    "2026-02-30T10:00", "2026-10-03T+1:00", "2026-10-03T12:+5", "yesterday",
  ])
  func rejects(text: String) {
    #expect(EventTime(text) == nil)
  }
}

@Suite struct SuggestionTests {
  @Test(arguments: [
    ("", "", 0), ("a", "", 1), ("probem", "problem", 1), ("kitten", "sitting", 3), ("W1.3", "W1.1", 1), ("é", "e", 1),
  ])
  func distance(a: String, b: String, expected: Int) {
    #expect(Suggestion.distance(a, b) == expected)
    #expect(Suggestion.distance(b, a) == expected)
  }

  @Test(arguments: [
    ("probem", "problem"), ("PROBEM", "problem"), ("fishbon", "fishbone"), ("conf", "confirm"),
    ("rule_out", "rule-out"),
    ("actoin", "action"), ("evidance", "evidence"),
  ])
  func nearestVerb(word: String, expected: String) {
    #expect(Suggestion.nearest(to: word, in: CommandCatalog.verbNames) == expected)
  }

  @Test(arguments: ["xyzzy", "banana", "q"])
  func nothingCloseIsNoSuggestion(word: String) {
    #expect(Suggestion.nearest(to: word, in: CommandCatalog.verbNames) == nil)
  }

  @Test func tiesGoToTheFirstInAlphabeticalOrder() {
    #expect(Suggestion.nearest(to: "F3", in: ["F2", "F1"]) == "F1")
    #expect(Suggestion.nearest(to: "x", in: []) == nil)
  }
}

/// One spelling per id, and a word that looks like an id but is not one says why.
@Suite struct StrictIDTests {
  @Test(arguments: [
    ("S01", "`S01` is not an id: write it without leading zeros"),
    ("W0", "`W0` is not an id: ids count from 1"),
    ("W1..2", "`W1..2` is not an id: an id is a letter and numbers joined by single dots, like W1.2"),
    ("W999999999999999999999", "`W999999999999999999999` is not an id: the number is too large"),
    ("S1.2", "`S1.2` is not an id: steps do not nest, so a step id has one number"),
  ])
  func aWordThatLooksLikeAnIdButIsNotOneSaysWhy(text: String, problem: String) {
    #expect(ItemID(text) == nil)
    #expect(ItemID.problem(with: text) == problem)
  }

  @Test(arguments: ["W1.2", "Wednesday", "C4ISR-free", "agents", "A"])
  func idsAndOrdinaryWordsHaveNoProblem(text: String) {
    #expect(ItemID.problem(with: text) == nil || text == "C4ISR-free")
  }
}
