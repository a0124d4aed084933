import Testing
@testable import GembaCore

@Suite struct TextWidthTests {
  typealias Text = TerminalViews.Text

  @Test(arguments: [
    ("refund", 6),
    ("", 0),
    ("返金ポリシー", 12),  // CJK: two columns each
    ("policy 👍", 9),  // emoji: two columns
    ("👨‍👩‍👧", 2),  // one family emoji, a single grapheme of several scalars
    ("e\u{301}tape", 5),  // combining accent takes no column
    ("\u{1B}[1;31mA2\u{1B}[0m", 2),  // colour codes take no columns
    ("✓ ✗ ★ │ ├─", 10),
  ])
  func width(_ text: String, _ expected: Int) {
    #expect(Text.width(text) == expected)
  }

  @Test(arguments: [
    ("Policy lives in three places", 10, "Policy li…"),
    ("short", 10, "short"),
    ("返金ポリシー変更", 7, "返金ポ…"),  // never half a wide character
    ("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", 5, "👨‍👩‍👧👨‍👩‍👧…"),  // never inside a grapheme
  ])
  func truncate(_ text: String, _ columns: Int, _ expected: String) {
    let cut = Text.truncate(text, to: columns, ellipsis: "…")
    #expect(cut == expected)
    #expect(Text.width(cut) <= columns)
  }

  @Test func truncateWithASCIIEllipsis() {
    #expect(Text.truncate("macro not updated", to: 8, ellipsis: "...") == "macro...")
  }

  @Test(arguments: [
    ("Macro not updated after policy change", 12, ["Macro not", "updated", "after policy", "change"]),
    ("one\ntwo three", 20, ["one", "two three"]),
    ("supercalifragilistic", 8, ["supercal", "ifragili", "stic"]),
    ("", 10, [""]),
    ("返金 ポリシー", 5, ["返金", "ポリ", "シー"]),
  ])
  func wrap(_ text: String, _ columns: Int, _ expected: [String]) {
    let lines = Text.wrap(text, to: columns)
    #expect(lines == expected)
    #expect(lines.allSatisfy { Text.width($0) <= columns })
  }

  /// A 70,000-character token (found by the black-box fuzzer in a received notebook) is cut into
  /// full pieces and a rest, wide characters never split, and followed by the next word.
  @Test func aLongTokenIsCutIntoWholePieces() {
    let token = String(repeating: "x", count: 70_001) + String(repeating: "返", count: 7)
    let lines = Text.wrap("A " + token + " b", to: 7)
    // 10,000 pieces of seven x, then "x" and three wide characters (7 columns), three more (6),
    // and the last one with the next word.
    let expected = ["A"] + Array(repeating: "xxxxxxx", count: 10_000) + ["x返返返", "返返返", "返 b"]
    #expect(lines == expected)
    #expect(lines.allSatisfy { Text.width($0) <= 7 })
  }

  @Test func padCountsColumnsNotCharacters() {
    #expect(Text.pad("返金", to: 6) == "返金  ")
    #expect(Text.pad("longer", to: 3) == "longer")
  }
}
