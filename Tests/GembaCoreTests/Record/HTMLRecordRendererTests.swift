import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

@Suite struct HTMLRecordRendererTests {
  @Test func escapesTheFiveCharacters() {
    #expect(
      HTMLText.escape("<a href=\"x\" title='y'>&</a>")
        == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
    #expect(HTMLText.text("a\nb") == "<bdi>a<br>b</bdi>")
  }

  @Test(arguments: ["refund", "hostile"])
  func fileIsSelfContainedAndForbidsScripts(example: String) {
    let html = HTMLRecordRenderer().render(example == "refund" ? RecordFixtures.refund() : RecordFixtures.hostile())
    #expect(
      html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
      ))
    // User text never holds a raw `<`, so every tag in the file is one the renderer wrote:
    // each must be an allowed element with allowed attributes (no `on…` handlers, no `src`).
    for tag in Self.tags(in: html) {
      #expect(Self.allowedElements.contains(tag.name), "element <\(tag.name)>")
      for attribute in tag.attributes {
        #expect(Self.allowedAttributes.contains(attribute), "attribute \(attribute) on <\(tag.name)>")
      }
    }
    // The only URL is the SVG namespace (once per drawing), which names and never fetches.
    let svgs = html.components(separatedBy: "<svg ").count - 1
    #expect(html.split(separator: "://").count - 1 == svgs)
    #expect(html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1 == svgs)
    #expect(html.contains("<svg class=\"fishbone\""))
    #expect(html.contains("<svg class=\"chart pareto\""))
    #expect(html.contains("<svg class=\"chart control\""))
    #expect(html.contains("@media print"))
    // Sections flow on paper (no page each) laid out for A4 unless told.
    #expect(!html.contains("break-before: page"))
    #expect(html.contains("@page { size: A4;"))
    for section in Record.sections {
      #expect(html.contains("<section id=\"\(section.anchor)\">"))
      #expect(html.contains("<a href=\"#\(section.anchor)\">"))
    }
  }

  @Test func svgTextIsEscapedAndShortened() {
    let html = HTMLRecordRenderer().render(RecordFixtures.hostile())
    let svg = html[html.range(of: "<svg")!.lowerBound..<html.range(of: "</svg>")!.upperBound]
    #expect(!svg.contains("<script"))
    #expect(svg.contains("&lt;script&gt;"))
    #expect(FishboneSVG.wrap(String(repeating: "x", count: 100), width: 24, maxLines: 3).count == 3)
  }

  /// Opens the records in headless Chromium: every section is in the DOM, and no payload
  /// of the XSS corpus ran (each would have set `document.title` to `PWNED-n`).
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalTools.hasChromium),
      "Chromium is not installed: apt-get install -y chromium"))
  func chromiumShowsSectionsAndRunsNoScript() throws {
    let folder = try ExternalTools.scratch()
    let html = HTMLRecordRenderer().render(RecordFixtures.hostile())
    // Without the CSP too: escaping alone must keep every payload inert.
    let noCSP = html.replacing("<meta http-equiv=\"Content-Security-Policy\"", with: "<meta name=\"x-removed-csp\"")
    // A page whose script does run shows that the check can see a script run.
    let control =
      "<!DOCTYPE html><html><head><title>ok</title></head><body><script>document.title='PWNED-0'</script></body></html>"
    let dom = try ["record.html": html, "nocsp.html": noCSP, "control.html": control].mapValues { text in
      try Self.dumpDOM(ExternalTools.write(text, to: folder, UUID().uuidString + ".html"))
    }
    #expect(dom["control.html"]!.contains("<title>PWNED-0</title>"), "Chromium did not run the control script")
    for name in ["record.html", "nocsp.html"] {
      let page = dom[name]!
      #expect(!page.contains("PWNED-") || !page.contains("<title>PWNED"), "a payload ran in \(name)")
      #expect(page.contains("<title>&lt;script&gt;document.title='PWNED-1'&lt;/script&gt;"), "title changed in \(name)")
      for tag in ["<script", "<img", "<textarea", "<iframe"] {
        #expect(!page.lowercased().contains(tag), "\(tag) element in \(name)")
      }
      for section in Record.sections {
        #expect(
          page.contains("<section id=\"\(section.anchor)\">\n<h2>\(section.title)</h2>"), "\(section.title) in \(name)")
      }
      // The drawings parsed as drawn: no label closed an <svg> early or opened another.
      #expect(
        page.components(separatedBy: "<svg ").count == html.components(separatedBy: "<svg ").count,
        "svg count in \(name)")
      #expect(page.contains("<svg class=\"chart pareto\"") && page.contains("<svg class=\"chart control\""))
    }
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalTools.hasChromium),
      "Chromium is not installed: apt-get install -y chromium"))
  func chromiumTakesAScreenshot() throws {
    let folder = try ExternalTools.scratch()
    let page = try ExternalTools.write(HTMLRecordRenderer().render(RecordFixtures.refund()), to: folder, "record.html")
    let shot = folder.appendingPathComponent("record.png")
    let result = try ExternalTools.run(
      Self.chromium + ["--window-size=1280,2000", "--screenshot=\(shot.path)", page.absoluteString])
    let data = try Data(contentsOf: shot)
    #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(result.stderr)")
    #expect(data.count > 20_000)
  }

  static let allowedElements: Set<String> = [
    "!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "span", "nav",
    "ol",
    "ul",
    "li", "a", "main", "section", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "bdi", "br", "code",
    "pre",
    "figure", "figcaption", "article", "div", "svg", "line", "polygon", "polyline", "circle", "rect", "text", "tspan",
    "g",
  ]
  static let allowedAttributes: Set<String> = [
    "lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "aria-label", "aria-labelledby", "role",
    "scope", "xmlns", "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "points", "rx", "dy",
    "text-anchor",
    "cx", "cy", "r", "transform",
  ]

  /// Every start tag's name and attribute names, lowercased.
  static func tags(in html: String) -> [(name: String, attributes: [String])] {
    var out: [(String, [String])] = []
    var rest = html[...]
    while let open = rest.firstIndex(of: "<") {
      guard let close = rest[open...].firstIndex(of: ">") else { break }
      let inside = rest[rest.index(after: open)..<close]
      rest = rest[rest.index(after: close)...]
      if inside.hasPrefix("/") { continue }
      let name = inside.prefix { !$0.isWhitespace && $0 != "/" }.lowercased()
      // Attribute names: words directly before `=` outside quoted values.
      var attributes: [String] = []
      var word = "", quote: Character? = nil
      for c in inside.dropFirst(name.count) {
        if let q = quote { if c == q { quote = nil }; continue }
        if c == "\"" || c == "'" { quote = c; continue }
        if c == "=" { attributes.append(word.lowercased()); word = ""; continue }
        word = c.isWhitespace ? "" : word + String(c)
      }
      out.append((name, attributes))
    }
    return out
  }

  static let chromium = [
    ExternalTools.chromium ?? "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
  ]

  static func dumpDOM(_ file: URL) throws -> String {
    let result = try ExternalTools.run(chromium + ["--dump-dom", file.absoluteString])
    try #require(result.status == 0, "chromium failed: \(result.stderr)")
    return result.stdout
  }
}
