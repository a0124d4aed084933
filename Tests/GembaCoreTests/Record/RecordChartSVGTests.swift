import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing
@testable import GembaCore

/// The cited charts drawn as SVG: the marks match the numbers, and labels stay text.
@Suite struct RecordChartSVGTests {
  static let pareto = Record.Chart(
    kind: .pareto, title: "source", labels: ["macro", "wiki", "colleague", "memory", "other"],
    values: [21, 9, 4, 2, 1], cumulative: [21.0 / 37, 30.0 / 37, 34.0 / 37, 36.0 / 37, 1], flagged: [0, 1])

  static let control = Record.Chart(
    kind: .control, title: "handle_minutes per row", labels: ["#1", "#2", "#3", "#4", "#5", "#6"],
    values: [10, 20, 10, 20, 50, 15], centre: 20, upper: 40, lower: 0, flagged: [4])

  @Test func paretoHasABarPerCategoryTheVitalFewTheCumulativeLineAndThe80Cut() throws {
    let svg = ChartSVG.render(Self.pareto)
    let bars = try #require(Self.group("bars", in: svg))
    #expect(Self.count("<rect ", in: bars) == 5)
    #expect(Self.count("<g class=\"bar vital\">", in: bars) == 2)
    #expect(Self.count("<g class=\"bar\">", in: bars) == 3)
    // Bars in the order given, heights in proportion to the values (the axis runs to the total, 37).
    let heights = Self.values("height", in: bars)
    #expect(heights.count == 5)
    for (h, v) in zip(heights, Self.pareto.values) { #expect(abs(h - v / 37 * ChartSVG.plotHeight) < 0.1) }
    let xs = Self.values("x", in: bars.components(separatedBy: "<rect ").dropFirst().map { "<rect " + $0 }.joined())
    #expect(xs == xs.sorted())
    // The cumulative line: one vertex per bar, ending at 100 % (the plot's top edge).
    let line = try #require(svg.firstMatch(of: /<g class="cumulative"><polyline points="([^"]*)"/))
    let vertices = line.1.split(separator: " ")
    #expect(vertices.count == 5)
    #expect(vertices.last!.hasSuffix(",\(ChartSVG.n(ChartSVG.plotTop))"))
    // The 80 % cut across the plot, a fifth of the way down, and the vital few's edge.
    let cutY = ChartSVG.n(ChartSVG.plotTop + 0.2 * ChartSVG.plotHeight)
    #expect(svg.contains("<line class=\"cut\" x1=\"") && svg.contains("y1=\"\(cutY)\""))
    #expect(Self.count("<line class=\"cut\"", in: svg) == 3)  // across, down, and in the legend
    for figure in [">21<", ">9<", ">57 %<", ">81 %<", ">100 %<", ">macro<", ">other<", ">80 %<", ">37<"] {
      #expect(svg.contains(figure), "\(figure)")
    }
    #expect(svg.contains("vital few: 2 of 5 categories make 81 % of the count"))
    #expect(svg.hasPrefix("<svg class=\"chart pareto\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 760 "))
  }

  @Test func controlChartJoinsThePointsDrawsLabelledLimitsAndMarksTheFlaggedPoint() throws {
    let svg = ChartSVG.render(Self.control)
    let series = try #require(svg.firstMatch(of: /<g class="series"><polyline points="([^"]*)"/))
    let points = series.1.split(separator: " ").map { $0.split(separator: ",").map { Double($0)! } }
    #expect(points.count == 6)
    #expect(points.map { $0[0] } == points.map { $0[0] }.sorted())
    // Higher values are higher on the page: 50 is the topmost point, 10 the lowest.
    #expect(points[4][1] == points.map { $0[1] }.min())
    #expect(points[0][1] == points.map { $0[1] }.max())

    let lineY = { (cls: String) -> [Double] in
      svg.matches(of: /<g class="([a-z]+)"><line x1="[^"]*" y1="([^"]*)" x2="[^"]*" y2="([^"]*)"\/><text[^>]*>([^<]*)</)
        .filter { String($0.1) == cls }.map { Double($0.2)! }
    }
    let limits = lineY("limit"), centre = lineY("centre")
    #expect(limits.count == 2 && centre.count == 1)
    #expect(svg.contains(">UCL = 40<") && svg.contains(">X̄ = 20<") && svg.contains(">LCL = 0<"))
    // The centre line passes through the points whose value is the centre (20).
    #expect(abs(centre[0] - points[1][1]) < 0.11)
    // The flagged point: a red diamond, above the upper limit; the others plain dots.
    let flagged = svg.matches(of: /<g class="flagged"><title>([^<]*)<\/title><polygon points="([^"]*)"/)
    #expect(flagged.count == 1)
    #expect(flagged.first.map { String($0.1) } == "#5: 50 · breaks a rule")
    let top = flagged.first.map { Double($0.2.split(separator: " ")[0].split(separator: ",")[1])! } ?? 0
    #expect(top < limits.min()!)
    #expect(Self.count("<circle ", in: try #require(Self.group("series", in: svg))) == 5)
    #expect(svg.contains("6 points · X̄ = 20 · UCL = 40 · LCL = 0 · 1 point breaks a rule"))
  }

  /// `spc v --chart imr --baseline 11..30` on 40 rows: each panel shades exactly the points the
  /// limits came from (I: points 11–30; MR: the ranges with both ends in them, 12–30), read
  /// back by an XML parser from the SVG the record draws.
  @Test func aBaselineIsAShadedBandOverExactlyItsPoints() throws {
    let values: [Double] = (0..<40).map { (i: Int) -> Double in
      let wobble = Double((i * 7) % 11) / 4
      return 10 + wobble + (i >= 30 ? 3 : 0)
    }
    let csv = "v\n" + values.map { (v: Double) -> String in "\(v)\n" }.joined()
    let table = try loadText(csv).table
    let result = try query(table, "x | spc v --chart imr --baseline 11..30")
    let cited = try #require(EvidenceWorkspace.chart(result))
    let chart = try #require(Record.chart(cited))
    let svg = ChartSVG.render(chart)
    let panels = try SVGPanels(svg)
    #expect(panels.count == 2)
    let expected: [Range<Int>] = [10..<30, 10..<29]
    for (k, panel) in panels.enumerated() {
      let points = expected[k]
      let band = try #require(
        panel.bands.count == 1 ? panel.bands[0] : nil, "one band per panel, not \(panel.bands.count)")
      let xs = panel.points
      #expect(xs.count == 40 - k)
      let inside: [Int] = xs.indices.filter { (i: Int) -> Bool in xs[i] > band.lowerBound && xs[i] < band.upperBound }
      let covered = "\((inside.first ?? -1) + 1)–\((inside.last ?? -1) + 1)"
      #expect(inside == Array(points), "the band covers points \(covered)")
      // Its edges are the slot edges: half a slot from the first and last point's centres.
      let slot: Double = xs[1] - xs[0]
      let left: Double = xs[points.lowerBound] - slot / 2, right: Double = xs[points.upperBound - 1] + slot / 2
      #expect(abs(band.lowerBound - left) < 0.11)
      #expect(abs(band.upperBound - right) < 0.11)
      #expect(panel.legend.contains("baseline") && panel.bandLabels == ["baseline"])
    }
    // Without a baseline, no band and no legend entry.
    let plainCited = try #require(EvidenceWorkspace.chart(try query(table, "x | spc v --chart imr")))
    let plainChart = try #require(Record.chart(plainCited))
    let plain = ChartSVG.render(plainChart)
    #expect(try SVGPanels(plain).allSatisfy { $0.bands.isEmpty && !$0.legend.contains("baseline") })
  }

  /// The control-chart panels of an SVG as an XML parser reads them: the points' x, the
  /// baseline bands' x extent, the legend's words and the bands' own labels.
  final class SVGPanels: NSObject, XMLParserDelegate, Sequence {
    final class Panel {
      var points: [Double] = []
      var bands: [Range<Double>] = []
      var legend: [String] = []
      var bandLabels: [String] = []
    }
    private(set) var panels: [Panel] = []
    private var groups: [String] = []
    private var text = ""

    init(_ svg: String) throws {
      super.init()
      let parser = XMLParser(data: Data(("<root>" + svg + "</root>").utf8))
      parser.delegate = self
      guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
    }

    var count: Int { panels.count }
    subscript(_ i: Int) -> Panel { panels[i] }
    func makeIterator() -> IndexingIterator<[Panel]> { panels.makeIterator() }

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      text = ""
      switch name {
      case "svg": panels.append(Panel())
      case "g": groups.append(attributes["class"] ?? "")
      case "polyline" where groups.last == "series":
        panels.last?.points = (attributes["points"] ?? "").split(separator: " ").compactMap {
          Double($0.split(separator: ",")[0])
        }
      case "rect" where attributes["class"] == "baseline":
        let x = Double(attributes["x"] ?? "") ?? .nan, w = Double(attributes["width"] ?? "") ?? .nan
        panels.last?.bands.append(x..<(x + w))
      default: break
      }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      if name == "g" { groups.removeLast() }
      if name == "text" && groups.contains("legend") { panels.last?.legend.append(text) }
      if name == "text" && groups.last == "baseline" { panels.last?.bandLabels.append(text) }
      text = ""
    }
  }

  @Test(arguments: [CitedChart.Kind.timeline, .histogram])
  func timelineAndHistogramAreBars(kind: CitedChart.Kind) throws {
    let chart = Record.Chart(
      kind: kind, title: "opened_at per day", labels: ["a", "b", "c"], values: [3, 0, 7], flagged: [])
    let svg = ChartSVG.render(chart)
    let bars = try #require(Self.group("bars", in: svg))
    #expect(Self.count("<rect ", in: bars) == 3)
    #expect(svg.contains(">7<") && svg.contains("3 \(kind == .histogram ? "bins" : "periods") · total 10"))
  }

  @Test func anEmptyChartSaysSo() {
    let svg = ChartSVG.render(Record.Chart(kind: .pareto, title: "x", labels: [], values: [], flagged: []))
    #expect(svg.contains("No points to draw."))
    #expect(svg.hasSuffix("</svg>\n"))
  }

  /// Script tags, an early `</svg>`, quotes, right-to-left text and emoji in every label:
  /// each is text in the drawing, and a label cut to fit keeps its full text in a `<title>`.
  @Test(arguments: [CitedChart.Kind.pareto, .control, .timeline])
  func hostileLabelsStayText(kind: CitedChart.Kind) {
    let labels = [
      "<script>document.title='PWNED'</script>", "</svg><script>alert(1)</script>", "\"double\" & 'single'",
      "שלום עולם \u{202E}txt.exe", "emoji 🔥👩‍🔧🇯🇵", String(repeating: "Supercalifragilistic", count: 5),
    ]
    let chart = Record.Chart(
      kind: kind, title: "</svg><script>t</script>", labels: labels, values: [60, 20, 9, 5, 4, 2],
      cumulative: kind == .pareto ? [0.6, 0.8, 0.89, 0.94, 0.98, 1] : nil, centre: kind == .control ? 16 : nil,
      upper: kind == .control ? 50 : nil, lower: kind == .control ? -18 : nil, flagged: [0])
    let svg = ChartSVG.render(chart)
    #expect(!svg.contains("<script"))
    #expect(svg.components(separatedBy: "</svg>").count == 2, "only the drawing's own end tag")
    #expect(svg.contains("&lt;/svg&gt;&lt;script&gt;"))
    #expect(svg.contains("&quot;double&quot; &amp; &#39;single&#39;"))
    #expect(!svg.contains("'single'") && !svg.contains("\"double\""))
    #expect(svg.contains("שלום עולם"))
    #expect(svg.contains("🔥👩‍🔧🇯🇵"))
    #expect(svg.contains("<title>" + String(repeating: "Supercalifragilistic", count: 5) + "</title>"))
    #expect(svg.contains("Supercalifragil") && svg.contains("…</text>"))
    for tag in HTMLRecordRendererTests.tags(in: svg) {
      #expect(HTMLRecordRendererTests.allowedElements.contains(tag.name), "element <\(tag.name)>")
      for attribute in tag.attributes {
        #expect(
          HTMLRecordRendererTests.allowedAttributes.contains(attribute), "attribute \(attribute) on <\(tag.name)>")
      }
    }
  }

  @Test func scaleTicksAreRoundNumbers() {
    #expect(ChartScale.niceStep(7.4) == 10 && ChartScale.niceStep(2.2) == 2.5 && ChartScale.niceStep(0.031) == 0.05)
    let scale = ChartScale(covering: 3, 27, top: 0, bottom: 100)
    #expect(scale.ticks == [0, 5, 10, 15, 20, 25, 30])
    #expect(scale.y(0) == 100 && scale.y(30) == 0)
    #expect(ChartScale(exactly: 0, 37, top: 0, bottom: 100).ticks == [0, 10, 20, 30])
    #expect(ChartScale(covering: 5, 5, top: 0, bottom: 100).ticks.count > 1)
    #expect(
      ChartSVG.n(12.25) == "12.3" && ChartSVG.n(-0.04) == "0" && ChartSVG.n(-3.2) == "-3.2" && ChartSVG.n(40) == "40")
  }

  /// The first `<g class="NAME">…</g>` that holds further groups, up to its matching end.
  static func group(_ name: String, in svg: String) -> String? {
    guard let start = svg.range(of: "<g class=\"\(name)\">") else { return nil }
    var depth = 0
    var index = start.lowerBound
    while let next = svg[index...].firstRange(of: /<g[ >]|<\/g>/) {
      depth += svg[next].hasPrefix("</") ? -1 : 1
      index = next.upperBound
      if depth == 0 { return String(svg[start.lowerBound..<index]) }
    }
    return nil
  }

  static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  /// Every value of the attribute `name` (a number) in document order.
  static func values(_ name: String, in text: String) -> [Double] {
    text.matches(of: try! Regex(" \(name)=\"(-?[0-9.]+)\"")).compactMap { Double($0.output[1].substring ?? "") }
  }
}
