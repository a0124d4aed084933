import Foundation
import GembaTestSupport
import Testing

let reviewerChromium = ["chromium", "chromium-browser", "google-chrome"].compactMap { name -> String? in
  let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/\(name)" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }
  return path
}.first

let reviewerToolsFound: Bool = {
  guard reviewerChromium != nil else { return false }
  return (try? reviewerPython("import markdown_it", []))?.status == 0
}()

func reviewerPython(_ script: String, _ arguments: [String]) throws -> (status: Int32, out: String) {
  try ExternalProgram.run(["python3", "-c", script] + arguments, errors: .merged)
}

/// Every example's committed 8D and A3, read by the programs a reviewer uses: the 8D's Markdown
/// through a CommonMark parser (markdown-it) with all eight disciplines in order, the A3 printed
/// by headless Chromium onto exactly one A3 landscape page.
@Suite(
  .enabled(
    if: ExternalProgram.runs(needing: reviewerToolsFound),
    "needs python3 with markdown-it-py and chromium: scripts/bootstrap installs them"))
struct ExampleReportTests {
  @Test(arguments: ExampleNotebookTests.examples)
  func eightDHasAllEightDisciplinesInOrder(name: String) throws {
    let path = GembaProcess.packageRoot.appendingPathComponent("notebooks/\(name)/record/\(name)-8d.md").path
    let result = try reviewerPython(
      """
      import sys, markdown_it
      tokens = markdown_it.MarkdownIt('commonmark').enable('table').parse(open(sys.argv[1], encoding='utf-8').read())
      heads = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == 'heading_open' and t.tag == 'h2']
      print('\\n'.join(h.split(' ')[0] for h in heads if h.startswith('D')))
      """, [path])
    #expect(result.status == 0, "\(result.out)")
    #expect(result.out.split(separator: "\n").map(String.init) == (0...8).map { "D\($0)" }, "\(name): \(result.out)")
  }

  @Test(arguments: ExampleNotebookTests.examples)
  func a3PrintsOnOneA3LandscapePage(name: String) throws {
    let page = GembaProcess.packageRoot.appendingPathComponent("notebooks/\(name)/record/\(name)-a3.html")
    let pdf = try GembaProcess.scratchFolder("a3-\(name)").appendingPathComponent("a3.pdf")
    let result = try reviewerPython(
      """
      import re, subprocess, sys
      chromium, page, pdf = sys.argv[1:4]
      subprocess.run([chromium, '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-pdf-header-footer',
                      '--print-to-pdf=' + pdf, page], capture_output=True, timeout=120)
      data = open(pdf, 'rb').read()
      pages = len(re.findall(rb'/Type\\s*/Page(?![s\\w])', data))
      boxes = re.findall(rb'/MediaBox\\s*\\[\\s*0\\s+0\\s+([\\d.]+)\\s+([\\d.]+)', data)
      print(pages, ' '.join('%.0fx%.0f' % (float(w), float(h)) for w, h in boxes))
      """, [reviewerChromium!, page.absoluteString, pdf.path])
    #expect(result.status == 0, "\(result.out)")
    let words = result.out.split(separator: " ").map(String.init)
    #expect(words.first == "1", "\(name): \(result.out)")
    // A3 landscape is 420 × 297 mm: 1191 × 842 points.
    #expect(
      words.dropFirst().allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "1191x842" },
      "\(name): \(result.out)")
  }
}
