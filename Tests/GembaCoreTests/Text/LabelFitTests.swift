import Foundation
import Testing

@testable import GembaCore

/// The one rule for shortening labels on screen (`TextWidth.labels`): cut in the middle, and never
/// so that two different values read alike (issue 27, item 1).
struct LabelFitTests {
  /// What every fitted column must keep, whatever the values: checked on each case below.
  static func checkRule(
    _ values: [String], _ shown: [String], maxWidth: Int, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(shown.count == values.count, sourceLocation: sourceLocation)
    for (value, label) in zip(values, shown) {
      if label == value { continue }
      // A cut label is the value's start, an ellipsis and the value's end.
      let parts = label.components(separatedBy: "…")
      #expect(parts.count == 2, "\(label)", sourceLocation: sourceLocation)
      #expect(
        value.hasPrefix(parts[0]) && value.hasSuffix(parts[1]), "\(label) from \(value)", sourceLocation: sourceLocation
      )
      #expect(TextWidth.of(label) < TextWidth.of(value), sourceLocation: sourceLocation)
    }
    // Different values never read alike; equal values read the same.
    for i in values.indices {
      for j in values.indices where i < j {
        #expect(
          (values[i] == values[j]) == (shown[i] == shown[j]), "\(shown[i]) / \(shown[j])",
          sourceLocation: sourceLocation)
      }
    }
    // A label is wider than the limit only when it is widened to tell it from another one.
    for (i, label) in shown.enumerated() where TextWidth.of(label) > maxWidth {
      let narrow = TextWidth.labels([values[i]], maxWidth: maxWidth, unicode: true)[0]
      #expect(
        shown.indices.contains { j in
          values[j] != values[i] && narrow == TextWidth.labels([values[j]], maxWidth: maxWidth, unicode: true)[0]
        }, "\(label) widened for nothing", sourceLocation: sourceLocation)
    }
  }

  @Test func aLongLabelIsCutInTheMiddleKeepingBothEnds() {
    let path = "/presentations/logstash-puppetconf-2013/index.html"
    // 20 columns: 19 of text around the ellipsis, the odd one to the start.
    #expect(TextWidth.labels([path], maxWidth: 20, unicode: true) == ["/presentat…ndex.html"])
    // ASCII: a three-column `...` leaves 17, 9 before and 8 after.
    #expect(TextWidth.labels([path], maxWidth: 20, unicode: false) == ["/presenta...dex.html"])
    // Short enough: whole; no limit: whole however long.
    #expect(TextWidth.labels(["/a.html"], maxWidth: 20, unicode: true) == ["/a.html"])
    #expect(TextWidth.labels([path], maxWidth: nil, unicode: true) == [path])
  }

  @Test func valuesSharingALongPrefixAndSuffixAreWidenedUntilTheyReadApart() {
    let prefix = "/presentations/logstash-puppetconf-2013/"  // 40 characters
    let values = ["one", "two", "six", "ten"].map { prefix + "slides-" + $0 + "/index.html" }
    #expect(prefix.count == 40)
    let shown = TextWidth.labels(values, maxWidth: 24, unicode: true)
    // Cut at 24 the four would all read `/presentatio…/index.html`. One column more of the end
    // (one less of the start) gives `e/index.html`, `o/…`, `x/…`, `n/…`: apart, within the limit.
    #expect(shown.allSatisfy { TextWidth.of($0) == 24 }, "\(shown)")
    #expect(shown[0] == "/presentati…e/index.html")
    Self.checkRule(values, shown, maxWidth: 24)
    // A value that differs from the others is left at the limit: only the alike ones widen.
    let other = "/x/" + String(repeating: "y", count: 60)
    let mixed = TextWidth.labels(values + [other], maxWidth: 24, unicode: true)
    #expect(TextWidth.of(mixed[4]) <= 24)
    Self.checkRule(values + [other], mixed, maxWidth: 24)
  }

  @Test func valuesThatDifferOnlyDeepInsideAreWidenedUntilOneEndReachesTheDifference() {
    // Differ at the 101st of 201 characters: no cut of 30 columns shows it, so the labels widen
    // until one end holds 101 characters (from 102 columns with the ellipsis; widening goes in
    // steps of an eighth of what was added, so a little past that).
    let values = ["a", "b"].map { String(repeating: "p", count: 100) + $0 + String(repeating: "s", count: 100) }
    let shown = TextWidth.labels(values, maxWidth: 30, unicode: true)
    Self.checkRule(values, shown, maxWidth: 30)
    // The letter that differs shows, with one whole end: 101 characters or more and the ellipsis.
    for (label, letter) in zip(shown, ["a", "b"]) {
      #expect(label.contains(letter), "\(label)")
      #expect((102...112).contains(TextWidth.of(label)), "\(label)")
    }
  }

  @Test func manyValuesAlikeAtBothEndsAllReadApart() {
    // 100 values sharing 60 characters each side of a number: every label must name its number.
    let values = (0..<100).map {
      String(repeating: "q", count: 60) + "/\($0 * 7919 % 100_000)/" + String(repeating: "r", count: 60)
    }
    let shown = TextWidth.labels(values, maxWidth: 40, unicode: true)
    #expect(Set(shown).count == Set(values).count)
    Self.checkRule(
      Array(values.prefix(40)), TextWidth.labels(Array(values.prefix(40)), maxWidth: 40, unicode: true), maxWidth: 40)
  }

  @Test func wideCharactersCountTwoColumnsAndAreNeverSplit() {
    // The first two read `東京都…一丁目` at 13 columns; the third reads apart from them there.
    let values = ["東京都千代田区第一倉庫丸の内一丁目", "東京都千代田区第二倉庫丸の内一丁目", "東京都港区芝浦三丁目倉庫"]
    let shown = TextWidth.labels(values, maxWidth: 13, unicode: true)
    Self.checkRule(values, shown, maxWidth: 13)
    #expect(shown[0] != shown[1] && TextWidth.of(shown[0]) > 13)
    // The third stays at the limit: 12 columns around the ellipsis, 3 wide characters each side.
    #expect(shown[2] == "東京都…目倉庫")
    // Emoji and accents stay whole grapheme clusters around the cut.
    let emoji = ["🍎🍎🍎🍎🍎🍎🍎🍎🍎🍎é", "🍎🍎🍎🍎🍎🍎🍎🍎🍎🍎e\u{301}x"]
    Self.checkRule(emoji, TextWidth.labels(emoji, maxWidth: 8, unicode: true), maxWidth: 8)
  }

  @Test func repeatedValuesAndLineBreaksAreHandled() {
    let long = String(repeating: "z", count: 50)
    let shown = TextWidth.labels([long, long, "a\nb"], maxWidth: 10, unicode: true)
    // The same value twice is not two values: it stays at the limit.
    #expect(shown[0] == shown[1] && TextWidth.of(shown[0]) == 10)
    #expect(shown[2] == "a↵b")
  }
}
