import Testing
@testable import GembaCore

/// What every view promises whatever the style: it fits the width, it has no
/// colour codes unless colour is on, it is pure ASCII in ASCII mode, and the same
/// state always draws the same text.
@Suite struct ViewStyleTests {
  typealias View = @Sendable (Investigation, TerminalStyle) -> String

  static let views: [(String, View)] = [
    ("whys", TerminalViews.whys), ("fishbone", TerminalViews.fishbone), ("process", TerminalViews.process),
    ("findings", TerminalViews.findings), ("actions", TerminalViews.actions), ("status", TerminalViews.status),
    ("timeline", TerminalViews.timeline), ("check", { Check.render(Check.review($0), style: $1) }),
  ]
  static let names = views.map(\.0)

  static func draw(_ name: String, _ style: TerminalStyle) -> String {
    views.first { $0.0 == name }!.1(investigation(refundScript), style)
  }

  @Test(arguments: names, [40, 60, 80, 100, 160])
  func fitsTheWidth(_ name: String, _ width: Int) {
    for unicode in [true, false] {
      for line in Self.draw(name, .init(unicode: unicode, width: width)).split(separator: "\n") {
        #expect(TerminalViews.Text.width(line) <= width, "\(name) at \(width): \(line)")
      }
    }
  }

  @Test(arguments: names)
  func coloursOnlyWhenAsked(_ name: String) {
    #expect(!Self.draw(name, .init(color: false)).contains("\u{1B}"))
    #expect(Self.draw(name, .init(color: true)).contains("\u{1B}["))
  }

  @Test(arguments: names)
  func colourChangesNothingButTheCodes(_ name: String) {
    let coloured = Self.draw(name, .init(color: true))
    var plain = ""
    var inEscape = false
    for character in coloured {
      if character == "\u{1B}" {
        inEscape = true
      } else if inEscape {
        inEscape = !character.isLetter
      } else {
        plain.append(character)
      }
    }
    #expect(plain == Self.draw(name, .init(color: false)))
  }

  @Test(arguments: names)
  func asciiModeIsPureASCII(_ name: String) {
    let view = Self.draw(name, .init(unicode: false))
    let ascii = view.unicodeScalars.allSatisfy { $0.isASCII }
    #expect(ascii, "\(view)")
  }

  @Test(arguments: names)
  func isDeterministic(_ name: String) {
    #expect(Self.draw(name, .record) == Self.draw(name, .record))
  }
}
