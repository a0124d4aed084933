import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// JSON, ipynb and dot: each checked by the program its users open it with.
@Suite struct RecordMachineFormatTests {
  static let examples = ["refund", "hostile"]
  static func record(_ name: String) -> Record { name == "refund" ? RecordFixtures.refund() : RecordFixtures.hostile() }

  // MARK: JSON

  @Test(arguments: examples)
  func jsonRoundTripsAndIsSorted(example: String) throws {
    let record = Self.record(example)
    let json = JSONRecordRenderer().render(record)
    #expect(try JSONRecordRenderer.decode(json) == record)
    #expect(json.hasPrefix("{\n  \"actions\" : ["))
    #expect(json.contains("\"format\" : \"gemba-record\""))
    #expect(json.contains("\"version\" : 1"))
    #expect(!json.contains("\\/"))
  }

  @Test func jsonRefusesANewerVersion() {
    let json = JSONRecordRenderer().render(RecordFixtures.refund()).replacing(
      "\"version\" : 1", with: "\"version\" : 2")
    #expect(throws: (any Error).self) { try JSONRecordRenderer.decode(json) }
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalTools.hasJsonschema),
      "python jsonschema is not installed: pip install jsonschema"),
    arguments: examples)
  func jsonConformsToTheDocumentedSchema(example: String) throws {
    let folder = try ExternalTools.scratch()
    let file = try ExternalTools.write(JSONRecordRenderer().render(Self.record(example)), to: folder, "record.json")
    let tool = try ExternalTools.run(["python3", "-m", "json.tool", file.path])
    #expect(tool.status == 0, "\(tool.stderr)")
    let schema = ExternalTools.packageRoot.appendingPathComponent("docs/record.schema.json").path
    let check = try ExternalTools.run([
      "python3", "-c",
      """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
      """, schema, file.path,
    ])
    #expect(check.status == 0, "\(check.stderr)")
  }

  // MARK: ipynb

  @Test func ipynbHasOneCellPerCommandAndNote() throws {
    let record = RecordFixtures.refund()
    let text = IpynbRecordRenderer().render(record)
    let notebook = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let cells = try #require(notebook["cells"] as? [[String: Any]])
    #expect(cells.count == record.log.count + 1)
    #expect(
      cells.filter { $0["cell_type"] as? String == "markdown" }.count == 1 + record.log.filter { $0.note != nil }.count)
    let code = cells.filter { $0["cell_type"] as? String == "code" }
    #expect(code.allSatisfy { $0["execution_count"] is Int })
    #expect(text.contains("\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}"))
    #expect(
      text.contains(
        "\"kernelspec\": {\n   \"display_name\": \"gemba\",\n   \"language\": \"gemba\",\n   \"name\": \"gemba\"\n  }"))
    let ids = cells.compactMap { $0["id"] as? String }
    #expect(Set(ids).count == cells.count)
  }

  @Test func jsonValueWritesLikePython() {
    let value: JSONValue = .object(["b": .array([]), "a": .string("x\n\u{1}é\"/"), "c": .null, "d": .object([:])])
    #expect(value.written() == "{\n \"a\": \"x\\n\\u0001é\\\"/\",\n \"b\": [],\n \"c\": null,\n \"d\": {}\n}")
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalTools.hasNbformat),
      "nbformat is not installed: pip install nbformat"), arguments: examples)
  func nbformatValidates(example: String) throws {
    let folder = try ExternalTools.scratch()
    let file = try ExternalTools.write(IpynbRecordRenderer().render(Self.record(example)), to: folder, "record.ipynb")
    // -W error: without it validate silently repairs missing or duplicate ids.
    let result = try ExternalTools.run([
      "python3", "-W", "error", "-c",
      "import json,sys,nbformat; nbformat.validate(json.load(open(sys.argv[1])))", file.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    // nbformat reads it back and writes the same bytes: the layout is nbformat's own.
    let same = try ExternalTools.run([
      "python3", "-W", "error", "-c",
      "import sys,nbformat; nb=nbformat.read(sys.argv[1], as_version=4); sys.stdout.write(nbformat.writes(nb) + '\\n')",
      file.path,
    ])
    #expect(same.stdout == (try String(contentsOf: file, encoding: .utf8)))
  }

  // MARK: dot

  @Test func dotEscapesLabelsAndStylesStatuses() {
    #expect(DotRecordRenderer.quote("a \"b\" \\N\nc") == "\"a \\\"b\\\" \\\\N\\nc\"")
    let dot = DotRecordRenderer().render(RecordFixtures.refund())
    #expect(
      dot.contains("\"C1\" [label=\"C1 No check for an open refund\\n(confirmed · root cause)\", color=\"#2e7d32\""))
    #expect(dot.contains("peripheries=2"))
    #expect(dot.contains("style=\"dashed\""))
    #expect(dot.contains("\"W1\" -> \"W1.1\""))
    #expect(dot.contains("\"C1.1\" -> \"C1\";"))
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalTools.hasDot),
      "Graphviz is not installed: apt-get install -y graphviz"), arguments: examples)
  func dotAcceptsIt(example: String) throws {
    let record = Self.record(example)
    let folder = try ExternalTools.scratch()
    let file = try ExternalTools.write(DotRecordRenderer().render(record), to: folder, "record.dot")
    let result = try ExternalTools.run(["dot", "-Tsvg", file.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    #expect(result.stdout.contains("<svg"))
    // Every why and cause became a node of the drawing.
    for node in record.allNodes {
      #expect(result.stdout.contains("<title>\(node.id)</title>"), "\(node.id) missing")
    }
  }
}
