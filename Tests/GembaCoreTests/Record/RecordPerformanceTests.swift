import Testing
@testable import GembaCore

/// Rendering is linear in the cells (strings appended into reserved buffers, no repeated
/// concatenation). Checked as a ratio of two sizes on the same machine, not against a wall-clock
/// bound that a loaded machine misses: speed targets live in `scripts/bench`.
@Suite struct RecordPerformanceTests {
  static func bigSession(cells: Int = 1000) -> Session {
    var commands = [
      "title \"A long investigation\"", "problem \"Late shipments\" --expected \"2 %\" --actual \"9 %\"",
      "process Shipping Pick Pack Label Load Ship", "load evidence/tickets.csv as tickets",
      "fishbone \"Late shipments\" --template 6M",
    ]
    for i in 1...200 {
      commands.append("why \"reason \(i) with some words | and a pipe <b>\"")
      commands.append("why W\(i) \"because of step \(i % 5 + 1) and a backtick ` here\"")
      commands.append("cause Method \"cause \(i) & more text for the record\"")
      commands.append("note \"note \(i): **not bold**\\nsecond line\"")
      commands.append(
        i % 2 == 0 ? "finding \"finding \(i)\" --step S\(i % 5 + 1) --evidence tickets#\(i)" : "cite C\(i) tickets#\(i)"
      )
    }
    return RecordFixtures.session(Array(commands.prefix(cells)))
  }

  /// The fastest of three renders, so a pause of the machine does not count.
  static func fastestHTML(_ session: Session) -> (Duration, String) {
    var best = Duration.seconds(1_000)
    var html = ""
    for _ in 0..<3 {
      let elapsed = ContinuousClock().measure {
        let record = Record(
          investigation: session.investigation, cells: session.cells, generatedAt: RecordFixtures.generatedAt)
        html = HTMLRecordRenderer().render(record)
      }
      best = min(best, elapsed)
    }
    return (best, html)
  }

  @Test func htmlRendersInTimeLinearInTheCells() {
    let small = Self.bigSession(cells: 250), large = Self.bigSession()
    #expect(large.cells.count == 1000)
    let (smallTime, _) = Self.fastestHTML(small)
    let (largeTime, html) = Self.fastestHTML(large)
    #expect(html.contains("Cell 1000"))
    // Four times the cells: linear is about 4 ×, quadratic 16 ×.
    let ratio = largeTime / smallTime
    #expect(ratio < 8, "1,000 cells took \(largeTime), 250 took \(smallTime): \(ratio) ×")
  }

  @Test func everyFormatRendersAThousandCells() throws {
    let session = Self.bigSession()
    let record = Record(
      investigation: session.investigation, cells: session.cells, generatedAt: RecordFixtures.generatedAt)
    for format in RecordFormat.allCases {
      let text = format.renderer.render(record)
      // 400 whys and 200 causes: every format has at least some hundred bytes for each.
      #expect(text.utf8.count > 20_000, "\(format): \(text.utf8.count) bytes")
    }
    let sop = try SOPUpdater.update(record: record, sop: RecordSOPUpdateTests.headingSOP, date: "2026-11-22")
    #expect(sop.document.utf8.count > RecordSOPUpdateTests.headingSOP.utf8.count)
  }
}
