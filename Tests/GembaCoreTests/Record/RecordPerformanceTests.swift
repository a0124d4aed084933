import Testing
@testable import GembaCore

/// `export html` of a 1,000-cell investigation must take under a second: rendering is
/// linear (strings appended into reserved buffers, no repeated concatenation).
@Suite struct RecordPerformanceTests {
  static func bigSession() -> Session {
    var commands = ["title \"A long investigation\"", "problem \"Late shipments\" --expected \"2 %\" --actual \"9 %\"",
      "process Shipping Pick Pack Label Load Ship", "load evidence/tickets.csv as tickets", "fishbone \"Late shipments\" --template 6M"]
    for i in 1...200 {
      commands.append("why \"reason \(i) with some words | and a pipe <b>\"")
      commands.append("why W\(i) \"because of step \(i % 5 + 1) and a backtick ` here\"")
      commands.append("cause Method \"cause \(i) & more text for the record\"")
      commands.append("note \"note \(i): **not bold**\\nsecond line\"")
      commands.append(i % 2 == 0 ? "finding \"finding \(i)\" --step S\(i % 5 + 1) --evidence tickets#\(i)" : "cite C\(i) tickets#\(i)")
    }
    return RecordFixtures.session(Array(commands.prefix(1000)))
  }

  @Test func htmlOfAThousandCellsRendersUnderASecond() {
    let session = Self.bigSession()
    #expect(session.cells.count == 1000)
    let clock = ContinuousClock()
    var html = ""
    let elapsed = clock.measure {
      let record = Record(investigation: session.investigation, cells: session.cells, generatedAt: RecordFixtures.generatedAt)
      html = HTMLRecordRenderer().render(record)
    }
    #expect(html.contains("Cell 1000"))
    #expect(elapsed < .seconds(1), "export html of 1,000 cells took \(elapsed)")
  }

  @Test func everyFormatOfAThousandCellsIsFast() {
    let session = Self.bigSession()
    let record = Record(investigation: session.investigation, cells: session.cells, generatedAt: RecordFixtures.generatedAt)
    for format in RecordFormat.allCases {
      let elapsed = ContinuousClock().measure { _ = format.renderer.render(record) }
      #expect(elapsed < .seconds(2), "\(format) took \(elapsed)")
    }
    let elapsed = ContinuousClock().measure { _ = try? SOPUpdater.update(record: record, sop: RecordSOPUpdateTests.headingSOP, date: "2026-11-22") }
    #expect(elapsed < .seconds(2), "sop took \(elapsed)")
  }
}
