import Foundation
import Testing
@testable import GembaCore

/// A cited chart's measure comes from the query that drew it, never from its title: a
/// column called `handled by team` is counted, not taken for a sum of `handled`.
@Suite struct RecordChartMeasureTests {
  /// 5 of 6 tickets handled by `ops`: the vital few is `ops`, 5/6 = 83.3 % of the count.
  static let tickets = "id,handled by team\n1,ops\n2,ops\n3,desk\n4,ops\n5,ops\n6,ops\n"

  static func record(_ query: String) throws -> Record {
    let session = Session(workspace: EvidenceWorkspace(files: MemoryFiles(["t.csv": Self.tickets])))
    session.expectCell("load t.csv as t")
    session.expectCell("why \"tickets pile up at one team\"")
    session.expectCell("cite W1 \(query)")
    return Record(investigation: session.investigation, cells: session.cells, generatedAt: "2026-11-22T09:00:00Z")
  }

  @Test func aCountedColumnWhoseNameHasByIsMeasuredAsACount() throws {
    let record = try Self.record("t | pareto by \"handled by team\"")
    let chart = try #require(record.whys.first?.citations.first?.chart)
    // Kept in the record because the title would say otherwise.
    #expect(chart.measure == .count)
    #expect(chart.measureName == "count")
    #expect(chart.summary == "vital few: 1 of 2 categories make 83 % of the count")

    let md = MarkdownRecordRenderer().render(record)
    #expect(md.contains("make 83 % of the count"))
    #expect(md.contains("| # | Category | Count | Cumulative | Vital few |"))
    #expect(!md.contains("of the handled") && !md.contains("| Handled |"))
    let html = HTMLRecordRenderer().render(record)
    #expect(html.contains("make 83 % of the count"))
    #expect(!html.contains("of the handled"))
    let svg = ChartSVG.render(chart)
    #expect(!svg.contains(">handled<"))

    let json = JSONRecordRenderer().render(record)
    #expect(json.contains("\"measure\" : {\n"))
    let decoded = try JSONRecordRenderer.decode(json)
    #expect(decoded.whys.first?.citations.first?.chart?.measure == .count)
  }

  @Test func aSummedParetoIsMeasuredInItsSumColumn() throws {
    let record = try Self.record("t | pareto by \"handled by team\" --sum id")
    let chart = try #require(record.whys.first?.citations.first?.chart)
    #expect(chart.measureName == "id")
    // ops: 1+2+4+5+6 = 18 of 21.
    #expect(chart.summary == "vital few: 1 of 2 categories make 86 % of the id")
  }

  /// Charts stored before the measure was kept read it from the title, as gemba then did.
  @Test(arguments: [
    (CitedChart.Kind.pareto, "reason", ChartMeasure.count),
    (.pareto, "amount by reason", .sum(column: "amount")),
    (.control, "handle_minutes per day", .values(column: "handle_minutes")),
    (.control, "moving range chart", .spread(statistic: "moving range")),
    (.timeline, "opened_at per week", .count),
    (.histogram, "minutes", .count),
  ])
  func aChartStoredWithoutItsMeasureReadsItFromTheTitle(kind: CitedChart.Kind, title: String, measure: ChartMeasure) {
    #expect(ChartMeasure.legacy(kind: kind, title: title) == measure)
    let chart = Record.Chart(kind: kind, title: title, labels: ["a"], values: [1], flagged: [])
    #expect(chart.measureName == measure.name)
  }

  @Test(arguments: [ChartMeasure.count, .sum(column: "amount"), .values(column: "a by b"), .spread(statistic: "R")])
  func aMeasureSurvivesJSON(measure: ChartMeasure) throws {
    let data = try JSONEncoder().encode(measure)
    #expect(try JSONDecoder().decode(ChartMeasure.self, from: data) == measure)
  }
}
