import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// What a reviewer signing the HTML record needs: no id, date or cadence broken inside a
/// table, wide tables scrolling in a wrapper, and fishbone labels wrapped inside their bone.
@Suite struct RecordReviewLayoutTests {
  static let long =
    "Agents re-submit the refund because the status page caches the first submission for ten minutes on busy days"

  @Test func longCauseTextIsLongEnough() {
    #expect(Self.long.count >= 100 && ("C1 " + Self.long + " and more").count >= 120)
  }

  /// Every label line fits its rib (its estimated width ends before the rib starts), lines of
  /// different causes on one bone never overlap, and everything stays inside the drawing.
  @Test func fishboneLabelsWrapInsideTheirBone() throws {
    let text = Self.long + " and more"
    let session = RecordFixtures.session([
      "fishbone \"Duplicate refunds\" --template 6M",
      "cause Method \(RecordFixtures.q(text))", "cause C1 \(RecordFixtures.q(text))", "cause Method \"Short\"",
      "cause Machine \(RecordFixtures.q(text))", "cause Machine \(RecordFixtures.q(text))",
    ])
    let svg = FishboneSVG.render(try #require(RecordFixtures.record(session).fishbone))
    let box = try #require(svg.firstMatch(of: /viewBox="0 0 (\d+) (\d+)"/))
    let (width, height) = (Int(box.output.1)!, Int(box.output.2)!)
    let causes = svg.matches(
      of:
        /<g class="cause [^"]*"><title>[^<]*<\/title><line x1="(-?\d+)" y1="(-?\d+)" x2="(-?\d+)" y2="-?\d+"\/>(?:<line[^>]*\/>)?<text x="(-?\d+)" y="(-?\d+)" text-anchor="end">(.*?)<\/text>/
    )
    #expect(causes.count == 5)
    var blocks: [(x: ClosedRange<Double>, y: ClosedRange<Double>)] = []
    for cause in causes {
      let (ribStart, ribY, ribEnd, x, y) = (
        Double(cause.output.1)!, Double(cause.output.2)!, Double(cause.output.3)!,
        Double(cause.output.4)!, Double(cause.output.5)!
      )
      let lines = String(cause.output.6).matches(of: /<tspan[^>]*>([^<]*)<\/tspan>/).map { String($0.output.1) }
      #expect(!lines.isEmpty)
      #expect(lines.allSatisfy { $0.count <= FishboneSVG.labelChars }, "\(lines)")
      let widest = Double(lines.map(\.count).max() ?? 0) * 6.6  // 12 px sans-serif, generously
      #expect(x - widest >= ribStart - 2, "label wider than its rib: \(lines)")
      #expect(x <= ribEnd - 4)
      let top = y - 12, bottom = y + Double((lines.count - 1) * FishboneSVG.lineHeight) + 3
      #expect(bottom <= ribY && top >= 0 && ribY <= Double(height) && x - widest >= 0 && x <= Double(width))
      blocks.append((x - widest...x, top...ribY + 3))
    }
    for i in blocks.indices {
      for j in blocks.indices where j > i {
        #expect(
          !(blocks[i].x.overlaps(blocks[j].x) && blocks[i].y.overlaps(blocks[j].y)), "labels \(i) and \(j) overlap")
      }
    }
    // The long text is wrapped at words, not cut at 30 characters as before.
    #expect(svg.contains(">C1 Agents re-submit the<") || svg.contains(">C1 Agents re-submit</tspan>"))
  }

  /// Ids, dates, cadences and states are in `nw` (no-wrap) cells; every table scrolls in a wrapper.
  @Test(arguments: ["refund", "corrective"])
  func datesAndIdsNeverBreak(example: String) throws {
    let record = example == "refund" ? RecordFixtures.refund() : CorrectiveActionFixtures.refund()
    let html = HTMLRecordRenderer().render(record)
    #expect(
      !html.contains("overflow-wrap: anywhere; }\n") || !html.contains("body {")
        || !html.contains(
          "body { margin: 0 auto; max-width: 70rem; padding: 1.5rem 2rem 4rem; font: 15px/1.5 system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", sans-serif; color: var(--ink); overflow-wrap: anywhere;"
        ))
    // Every cell that holds only a date, an id or a cadence carries the class.
    let cells = html.matches(of: /<td( class="[^"]*")?>(?:<bdi>|<code>)?([^<]*)(?:<\/bdi>|<\/code>)?<\/td>/)
    var checked = 0
    for cell in cells {
      let value = String(cell.output.2)
      let isDate = value.wholeMatch(of: /\d{4}-\d{2}-\d{2}(T[\d:]+Z)?/) != nil
      let isCadence = ["weekly", "monthly", "quarterly"].contains(value)
      let isID = value.wholeMatch(of: /[AFKXE]\d+/) != nil
      guard isDate || isCadence || isID else { continue }
      checked += 1
      #expect(cell.output.1.map { $0.contains("nw") } == true, "cell \(value) can break")
    }
    #expect(checked >= 10)
    // Every table scrolls in a wrapper but the two-column label tables (the problem's, fields).
    let tables = html.components(separatedBy: "<table").count - 1
    let wrapped = html.components(separatedBy: "<div class=\"scroll\"><table").count - 1
    let labelTables =
      html.components(separatedBy: "<table>\n<tr><th scope=\"row\">").count - 1
      + html.components(separatedBy: "<table class=\"fields\">").count - 1
    #expect(tables - wrapped == labelTables)
    #expect(html.contains(".nw { white-space: nowrap; }"))
  }

  /// Chromium at 1280 px and at A4 print width (720 px): each `nw` cell lies on one line.
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalTools.hasChromium),
      "Chromium is not installed: apt-get install -y chromium"), arguments: [1280, 720])
  func chromiumKeepsDatesOnOneLine(width: Int) throws {
    let html = HTMLRecordRenderer().render(CorrectiveActionFixtures.refund())
      .replacing("<meta http-equiv=\"Content-Security-Policy\"", with: "<meta name=\"x-removed-csp\"")
      .replacing(
        "</body>",
        with: """
          <script>
          const broken = [...document.querySelectorAll('td.nw')].filter(td => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map(x => Math.round(x.bottom))).size > 1; }).map(td => td.textContent);
          document.title = 'BROKEN[' + broken.join('|') + '] OF ' + document.querySelectorAll('td.nw').length;
          </script></body>
          """)
    let folder = try ExternalTools.scratch()
    let page = try ExternalTools.write(html, to: folder, "record.html")
    let result = try ExternalTools.run(
      HTMLRecordRendererTests.chromium + ["--window-size=\(width),2000", "--dump-dom", page.absoluteString])
    let title = result.stdout.firstMatch(of: /<title>([^<]*)<\/title>/).map { String($0.output.1) } ?? ""
    #expect(title.hasPrefix("BROKEN[] OF "), "\(title)")
    #expect((Int(title.split(separator: " ").last ?? "") ?? 0) >= 10, "too few no-wrap cells measured: \(title)")
  }
}
