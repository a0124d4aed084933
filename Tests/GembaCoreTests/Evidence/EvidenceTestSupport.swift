import Foundation
import Testing
@testable import GembaCore

/// `../shared` beside the package root, where the conformance and real-data sets live.
/// Tests that need it are skipped (with this reason) on machines without it.
let sharedRoot: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("shared")
let sharedExists = FileManager.default.fileExists(atPath: sharedRoot.appendingPathComponent("conformance").path)

func sharedPath(_ relative: String) -> String { sharedRoot.appendingPathComponent(relative).path }

/// Loads text as evidence of `format`.
func loadText(
  _ text: String, format: EvidenceFormat = .csv, name: String = "t", path: String = "t.csv",
  options: LoadOptions = LoadOptions()
) throws -> LoadResult {
  try EvidenceLoader.load(name: name, path: path, bytes: ByteSource(text: text), format: format, options: options)
}

func loadBytes(_ bytes: [UInt8], format: EvidenceFormat = .csv, path: String = "t.csv") throws -> LoadResult {
  try EvidenceLoader.load(name: "t", path: path, bytes: ByteSource(copying: bytes), format: format)
}

/// Loads a file by path (mapped, as the shell does).
func loadFile(_ path: String, format: EvidenceFormat? = nil, options: LoadOptions = LoadOptions()) throws -> LoadResult
{
  let file = try MappedFile(path: path)
  return try EvidenceLoader.load(
    name: "t", path: path, bytes: ByteSource(file), format: format ?? EvidenceFormat(path: path) ?? .text,
    options: options)
}

/// All cells of a table as text.
func cells(_ table: EvidenceTable) -> [[String]] {
  (0..<table.rowCount).map { r in table.columns.indices.map { table.cell(row: r, column: $0) } }
}

/// Splits query text the way the shell's lexer does: words, "strings", --options and pipes,
/// with 1-based columns. Returns the stages after the evidence name.
func stages(_ text: String) -> [[Token]] {
  var tokens: [Token] = []
  let chars = Array(text)
  var i = 0
  func span(_ start: Int, _ end: Int) -> SourceSpan {
    SourceSpan(start: SourcePosition(line: 1, column: start + 1), end: SourcePosition(line: 1, column: end + 1))
  }
  while i < chars.count {
    let c = chars[i]
    if c == " " { i += 1; continue }
    let start = i
    if c == "|" {
      tokens.append(Token(kind: .pipe, text: "|", span: span(i, i + 1)))
      i += 1
    } else if c == "\"" {
      var value = ""
      i += 1
      while i < chars.count && chars[i] != "\"" {
        if chars[i] == "\\" && i + 1 < chars.count { i += 1 }
        value.append(chars[i])
        i += 1
      }
      i += 1
      tokens.append(Token(kind: .string, text: value, span: span(start, i)))
    } else {
      while i < chars.count && chars[i] != " " && chars[i] != "|" && chars[i] != "\"" { i += 1 }
      let word = String(chars[start..<i])
      if word.hasPrefix("--") && word.count > 2 {
        tokens.append(Token(kind: .option, text: String(word.dropFirst(2)), span: span(start, i)))
      } else {
        tokens.append(Token(kind: .word, text: word, span: span(start, i)))
      }
    }
  }
  var result: [[Token]] = [[]]
  for t in tokens {
    if t.kind == .pipe { result.append([]) } else { result[result.count - 1].append(t) }
  }
  // The first group is the evidence name.
  return Array(result.dropFirst())
}

/// Runs `name | stage | stage` on a table.
func query(_ table: EvidenceTable, _ text: String, rowLimit: Int = 200) throws(Diagnostic) -> QueryResult {
  try QueryEngine.run(try QueryPipeline.parse(stages(text)), on: table, rowLimit: rowLimit)
}

/// The value/count pairs of a `count by` result.
func counts(_ result: QueryResult, sourceLocation: SourceLocation = #_sourceLocation) -> [String: Int] {
  guard case .rows(let t) = result else {
    Issue.record("expected rows, got \(result)", sourceLocation: sourceLocation)
    return [:]
  }
  var out: [String: Int] = [:]
  for row in t.rows { out[row[0]] = Int(row[1]) }
  return out
}

/// Parses JSON text into Foundation values for comparison.
func jsonValue(_ text: String) throws -> NSObject {
  try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as! NSObject
}
