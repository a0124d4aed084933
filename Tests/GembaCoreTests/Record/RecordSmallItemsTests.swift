import Foundation
import Testing

@testable import GembaCore

/// Issue 23's small items: code in HTML check messages, fishbone ribs that meet their bones, the
/// dot export's escape whys, a ruled-out grey that passes WCAG AA, scoped A3 headers, the 8D's
/// heading levels and a D0 that does not repeat D2.
struct RecordSmallItemsTests {
  @Test func backtickedWordsInMessagesAreCode() {
    #expect(
      HTMLText.markedText("run `why W1 TEXT` <now>")
        == "<bdi>run </bdi><code>why W1 TEXT</code><bdi> &lt;now&gt;</bdi>")
    // An unpaired backtick is only a character.
    #expect(HTMLText.markedText("a ` b") == "<bdi>a ` b</bdi>")
  }

  @Test func datesInProseDoNotBreak() {
    #expect(HTMLText.text("due 2026-12-04, then") == "<bdi>due <span class=\"nw\">2026-12-04</span>, then</bdi>")
    #expect(HTMLText.text("id 12026-12-041") == "<bdi>id 12026-12-041</bdi>")
  }

  /// Each rib ends on its bone (depth 0) or 16 px before it per level below: the bone's x at the
  /// rib's height, from the bone's own line.
  @Test func fishboneRibsMeetTheirBones() throws {
    let svg = FishboneSVG.render(RecordFixtures.refund().fishbone!)
    let bones = svg.components(separatedBy: "<g class=\"bone\">").dropFirst()
    #expect(!bones.isEmpty)
    var ribs = 0
    for bone in bones {
      let numbers = { (s: Substring) in
        s.matches(of: /x1="(-?[\d.]+)" y1="(-?[\d.]+)" x2="(-?[\d.]+)" y2="(-?[\d.]+)"/).map {
          [Double($0.output.1)!, Double($0.output.2)!, Double($0.output.3)!, Double($0.output.4)!]
        }
      }
      let body = bone[...]
      let b = try #require(numbers(body).first)
      for cause in body.components(separatedBy: "<g class=\"cause").dropFirst() {
        // The legend's sample ribs have no title and no bone.
        guard let id = cause.firstMatch(of: /<title>([A-Z][\d.]+)\s/)?.output.1 else { continue }
        let depth = Double(id.filter { $0 == "." }.count)
        let rib = try #require(numbers(cause[...]).first)
        let boneX = b[0] + (b[2] - b[0]) * (rib[1] - b[1]) / (b[3] - b[1])
        #expect(abs(boneX - depth * 16 - rib[2]) <= 1, "rib of \(id) ends at \(rib[2]), its bone at \(boneX)")
        ribs += 1
      }
    }
    #expect(ribs > 0)
  }

  @Test func dotHoldsTheEscapePointsWhys() {
    let dot = DotRecordRenderer().render(CorrectiveActionFixtures.refund())
    #expect(dot.contains("\"E1\" -> \"E1.1\""))
    #expect(dot.contains("\"E1.1\" -> \"E1.1.1\""))
  }

  /// WCAG 2 contrast of the ruled-out grey on white, computed here from the formula.
  @Test func ruledOutGreyPassesWCAGAA() throws {
    let hex = try #require(HTMLStyle.css.firstMatch(of: /--out: #([0-9a-f]{6})/)).output.1
    let channels = stride(from: 0, to: 6, by: 2).map { i -> Double in
      let start = hex.index(hex.startIndex, offsetBy: i)
      let c = Double(Int(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!) / 255
      return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    let luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    #expect(1.05 / (luminance + 0.05) >= 4.5, "#\(hex): \(1.05 / (luminance + 0.05)):1")
  }

  @Test func a3HeadersHaveScope() {
    let html = A3Renderer().render(CorrectiveActionFixtures.refund())
    let headers = html.matches(of: /<th[ >][^>]*>?/).map { String($0.output) }
    #expect(!headers.isEmpty)
    #expect(headers.allSatisfy { $0.contains("scope=") }, "\(headers.filter { !$0.contains("scope=") })")
  }

  @Test func eightDNestsEscapePointsAndD0DoesNotRepeatD2() {
    let record = CorrectiveActionFixtures.refund()
    let markdown = ReportMarkdown().render(EightDReport.document(record))
    #expect(markdown.contains("### Escape point"))
    #expect(markdown.contains("#### E1 "))
    let d0 = EightDReport.d0(record)
    let expected = record.problem?.expected ?? ""
    let d0Text = d0.blocks.map { block -> String in
      switch block {
      case .paragraph(let text), .missing(let text), .alarm(let text), .heading(let text), .subheading(let text): text
      case .fields(let fields): fields.map { "\($0.label) \($0.value ?? "")" }.joined(separator: " ")
      case .table(let table): (table.header + table.rows.flatMap { $0 }).joined(separator: " ")
      case .list(let items): items.joined(separator: " ")
      case .tree, .evidence: ""
      }
    }.joined(separator: " ")
    #expect(expected.isEmpty || !d0Text.contains(expected), "D0 repeats D2's expected: \(d0Text)")
    #expect(d0Text.contains("D2"))
  }
}
