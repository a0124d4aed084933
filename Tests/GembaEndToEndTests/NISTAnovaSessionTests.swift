import Foundation
import Testing

/// NIST StRD's one-way ANOVA sets SmLs01–09 (Tests/Fixtures/nist-strd) typed into `gemba` as a
/// user would: each set loaded as a CSV and compared by treatment. The printed F and residual SD
/// must be NIST's certified values (parsed from the files here) to the 6 significant digits shown;
/// each group's mean the exact mean of what the file wrote.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct NISTAnovaSessionTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/nist-strd")

  /// The certified value on the line starting with `label`, at `index` among its numbers.
  static func certified(_ lines: [Substring], _ label: String, _ index: Int) -> Double? {
    guard let line = lines.first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }) else {
      return nil
    }
    let numbers = line.replacingOccurrences(of: label, with: "").split(separator: " ").compactMap { Double($0) }
    return numbers.indices.contains(index) ? numbers[index] : nil
  }

  /// `x` rounded to 6 significant digits, as the reader sees it.
  static func sixDigits(_ x: Double) -> Double { Double(String(format: "%.6g", x))! }

  @Test(arguments: (1...9).map { "SmLs0\($0)" }) func certifiedValuesThroughTheShell(_ name: String) throws {
    let text = try String(contentsOf: Self.folder.appendingPathComponent(name + ".dat"), encoding: .utf8)
    let lines = text.split(whereSeparator: \.isNewline)
    let f = try #require(Self.certified(lines, "Between Treatment", 3))
    let sd = try #require(Self.certified(lines, "Standard Deviation", 0))
    let start = try #require(lines.firstIndex { $0.hasPrefix("Data:") && $0.contains("Response") })
    var csv = "Treatment,Response\n"
    var written: [Int: [String]] = [:]
    for line in lines[(start + 1)...] {
      let parts = line.split(separator: " ")
      guard parts.count == 2, let g = Int(parts[0]) else { continue }
      csv += "\(parts[0]),\(parts[1])\n"
      written[g, default: []].append(String(parts[1]))
    }
    let scratch = try GembaProcess.scratchFolder(name)
    try csv.write(to: scratch.appendingPathComponent("smls.csv"), atomically: true, encoding: .utf8)
    let result = try GembaProcess.run(
      ["nb.md"], stdin: "load smls.csv as smls\nsmls | compare Response by Treatment\n", in: scratch)
    #expect(result.status == 0, "\(result.stderr)")
    let out = result.stdout
    let anova = try #require(out.split(separator: "\n").first { $0.contains("ANOVA F(") }, "\(out)")
    func figure(after marker: String) -> Double? {
      guard let r = anova.range(of: marker) else { return nil }
      let rest = anova[r.upperBound...].prefix { "0123456789.,e+-".contains($0) }
      return Double(
        rest.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: CharacterSet(charactersIn: ",")))
    }
    let printedF = try #require(figure(after: ") = "), "\(anova)")
    let printedSD = try #require(figure(after: "residual sd "), "\(anova)")
    #expect(printedF == Self.sixDigits(f), "\(name): printed F \(printedF), certified \(f)")
    #expect(printedSD == Self.sixDigits(sd), "\(name): printed residual sd \(printedSD), certified \(sd)")
    // Each group's mean at the data's decimals + 1, from the written numbers summed as integers.
    for (g, texts) in written {
      let decimals = texts.map { t in t.firstIndex(of: ".").map { t.distance(from: $0, to: t.endIndex) - 1 } ?? 0 }
        .max()!
      var steps: Int64 = 0
      for t in texts {
        let d = t.firstIndex(of: ".").map { t.distance(from: $0, to: t.endIndex) - 1 } ?? 0
        steps += Int64(t.replacingOccurrences(of: ".", with: ""))! * Int64(pow(10, Double(decimals - d)))
      }
      // The mean in units of 10^-(decimals + 1), rounded half up (every SmLs mean is exact there).
      let n = Int64(texts.count)
      let tenths = (steps * 10 * 2 + n) / (2 * n)
      let whole = tenths / Int64(pow(10, Double(decimals + 1)))
      let fraction = String(tenths % Int64(pow(10, Double(decimals + 1))))
      let padded = String(repeating: "0", count: decimals + 1 - fraction.count) + fraction
      var grouped = String(whole)
      for i in stride(from: grouped.count - 3, to: 0, by: -3) {
        grouped.insert(",", at: grouped.index(grouped.startIndex, offsetBy: i))
      }
      let expected = "\(grouped).\(padded)"
      #expect(
        out.contains(" \(expected) "), "\(name) group \(g): mean \(expected) not in\n\(out)")
    }
  }
}
