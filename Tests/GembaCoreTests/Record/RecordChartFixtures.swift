@testable import GembaCore

/// Charts as a cited query leaves them: computed by the real `ParetoChart` and `ControlChart`
/// and shown by the real terminal renderer, then turned into the numbers a `Citation`
/// keeps (as the file evidence desk does), so the fixtures' figures are ones gemba draws.
enum RecordChartFixtures {
  /// Where the duplicate refunds came from: two sources make 81 % of them.
  static let sources: [(String, Double)] = [("macro", 21), ("wiki", 9), ("colleague", 4), ("memory", 2), ("other", 1)]

  /// Minutes to handle each duplicate refund (rows #101–#120): steady near 12, one at 27.
  /// (`cite` reads `--by` as its own option, so a cited `spc` charts one point per row.)
  static let minutes: [Double] = [12, 14, 11, 13, 15, 12, 13, 11, 14, 12, 13, 27, 12, 14, 13, 11, 12, 13, 14, 12]

  static func pareto(labels: [String]? = nil) -> (chart: CitedChart, excerpt: String) {
    let groups = labels.map { labels in labels.enumerated().map { ($1, Double(40 - 3 * $0)) } } ?? sources
    let p = ParetoChart(column: "source", sumColumn: nil, groups: groups, skipped: 0)
    let chart = CitedChart(
      kind: .pareto, title: p.column, measure: .count, labels: p.bars.map(\.label), values: p.bars.map(\.value),
      cumulative: p.bars.map(\.cumulative), flagged: p.bars.indices.filter { p.bars[$0].vital })
    return (chart, EvidenceTextRenderer().render(.pareto(p)).trimmingTrailingNewline())
  }

  static func control(labels: [String]? = nil) -> (chart: CitedChart, excerpt: String) {
    let rows = labels ?? minutes.indices.map { "#\(101 + $0)" }
    let points = zip(rows, minutes).map { ControlChart.Point(label: $0, value: $1) }
    let c = ControlChart(
      column: "handle_minutes", pointKind: "row", points: points, rules: .westernElectric, skipped: 0)
    let chart = CitedChart(
      kind: .control, title: "\(c.column) per \(c.pointKind)", measure: .values(column: c.column),
      labels: c.points.map(\.label),
      values: c.points.map(\.value), centre: c.mean, upper: c.upperLimit, lower: c.lowerLimit,
      flagged: Array(Set(c.signals.map(\.point))).sorted())
    return (chart, EvidenceTextRenderer().render(.spc(c)).trimmingTrailingNewline())
  }

  /// A citation for `query`, with the chart its last stage names (if any).
  static func citation(_ query: String, labels: [String]?, note: String?, cell: Int) -> Citation {
    let charted =
      query.contains("pareto") ? pareto(labels: labels) : query.contains("spc") ? control(labels: labels) : nil
    return Citation(
      kind: .query, reference: query, excerpt: charted?.excerpt ?? "count\n3", note: note, cell: cell,
      chart: charted?.chart)
  }
}

extension Record {
  /// Every citation in the record, wherever it hangs.
  var allCitations: [Citation] {
    allNodes.flatMap(\.citations) + findings.flatMap(\.citations) + actions.flatMap(\.outcomeCitations)
      + events.flatMap(\.citations)
  }
}
