import Testing

@testable import GembaCore

/// `width N|full|auto` changes what the screen shows and never what a cell stores (issue 27, item 1).
@Suite struct DisplayWidthTests {
  static let prefix = "/presentations/logstash-puppetconf-2013/"
  static let paths = ["alpha", "bravo", "charlie"].map { prefix + $0 + "/slides/index.html" }
  static let csv =
    "path,status\n"
    + paths.enumerated().flatMap { i, p in Array(repeating: "\(p),200", count: i + 1) }
    .joined(separator: "\n") + "\n"

  static func session(_ style: TerminalStyle) -> Session {
    let session = Session(displayStyle: style, workspace: EvidenceWorkspace(files: MemoryFiles(["web.csv": csv])))
    session.expectCell("load web.csv as web")
    return session
  }

  /// The cell's stored output and what the screen showed for `source`.
  static func shown(_ session: Session, _ source: String) -> (stored: String, display: String) {
    guard case .cell(let cell, let display, _) = session.run(source, time: cellTime(session.nextCellNumber))
    else {
      Issue.record("`\(source)` recorded no cell")
      return ("", "")
    }
    return (cell.output, display)
  }

  static func meta(_ session: Session, _ source: String) -> String {
    guard case .meta(let text) = session.run(source, time: cellTime(session.nextCellNumber)) else {
      Issue.record("`\(source)` was not answered by the shell")
      return ""
    }
    return text
  }

  @Test func aTerminalCutsLabelsApartWidthFullShowsThemWholeAndCellsAlwaysHoldThemWhole() {
    let session = Self.session(TerminalStyle(width: 60, fitsWidth: true))
    let cut = Self.shown(session, "web | count by path")
    for path in Self.paths {
      #expect(cut.stored.contains(path))
      #expect(!cut.display.contains(path), "\(cut.display)")
    }
    #expect(cut.display.contains("…"))
    #expect(Self.meta(session, "width full").contains("whole"))
    let whole = Self.shown(session, "web | count by path")
    for path in Self.paths { #expect(whole.display.contains(path)) }
    #expect(whole.stored == cut.stored)
    _ = Self.meta(session, "width auto")
    #expect(Self.shown(session, "web | count by path").display == cut.display)
    // Wider than the labels need: nothing cut.
    _ = Self.meta(session, "width 200")
    #expect(Self.shown(session, "web | count by path").display == whole.display)
    #expect(session.cells.count == 5, "a `width` became a cell")
  }

  @Test func offATerminalWidthChangesNothing() {
    let session = Self.session(.record)
    #expect(Self.meta(session, "width 30").contains("not a terminal"))
    let shown = Self.shown(session, "web | count by path")
    for path in Self.paths { #expect(shown.display.contains(path)) }
  }

  @Test func widthTakesANumberOfColumnsFullOrAuto() throws {
    for (text, width) in [("80", DisplayWidth.columns(80)), ("full", .full), ("AUTO", .auto)] {
      guard case .width(let parsed)? = try Parser.parse("width \(text)") else {
        Issue.record("`width \(text)` did not parse to width")
        continue
      }
      #expect(parsed.value == width)
    }
    for bad in ["width 5", "width wide", "width -3", "width"] {
      #expect(throws: Diagnostic.self, "\(bad)") { try Parser.parse(bad) }
    }
    do {
      _ = try Parser.parse("width wide")
    } catch {
      #expect(error.code == .unexpectedToken)
      #expect(error.message.contains("full or auto"))
    }
  }

  @Test func tabOffersFullAndAuto() {
    #expect(complete("width ").candidates == ["full", "auto"])
    #expect(complete("width f").candidates == ["full"])
  }
}
