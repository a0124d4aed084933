import GembaCore

/// What each fuzz target does with an input.
enum FuzzTargets {
  static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  /// The lexer, the command parser and the query-stage parser.
  static func parser(_ bytes: [UInt8]) {
    let source = text(bytes)
    if case .query(let query)?? = try? Parser.parse(source) {
      _ = try? QueryPipeline.parse(query.stages)
    }
    var continuation = Continuation()
    for line in source.split(separator: "\n", omittingEmptySubsequences: false) { continuation.feed(String(line)) }
  }

  /// Each line a command in one session, with a small CSV loadable as `t`.
  static func session(_ bytes: [UInt8]) {
    let files = FuzzFiles(["t.csv": "id,team,when,amount\n1,blue,2026-01-02,3.5\n2,red,2026-01-03,-1\n3,blue,,7\n"])
    let session = Session(workspace: EvidenceWorkspace(files: files))
    _ = session.run("load t.csv as t", time: "2026-11-20T10:00:00Z")
    for line in text(bytes).split(separator: "\n").prefix(50) {
      _ = session.run(String(line), time: "2026-11-20T10:00:00Z")
    }
  }

  /// Every evidence format over the same bytes.
  static func loaders(_ bytes: [UInt8]) {
    for format in EvidenceFormat.allCases {
      _ = try? EvidenceLoader.load(
        name: "f", path: "f", bytes: ByteSource(copying: bytes), format: format,
        options: LoadOptions(parallel: false))
    }
  }

  /// The notebook reader, the chain check and the fold over the cells it read.
  static func notebook(_ bytes: [UInt8]) {
    let document = NotebookFormat.parse(text(bytes))
    _ = Verification.verify(document)
    let session = Session()
    for cell in document.cells.prefix(200) { _ = try? session.restore(cell) }
  }
}

/// Files from memory for the session target.
final class FuzzFiles: EvidenceFileSystem {
  let files: [String: String]
  init(_ files: [String: String]) { self.files = files }
  var folderName: String { "/fuzz" }
  func locate(_ path: Located<String>) throws(Diagnostic) -> String { path.value }
  func kind(of file: String) -> EvidenceFileKind { files[file] == nil ? .missing : .regular }
  func open(_ file: String) throws(EvidenceError) -> OpenedEvidence {
    OpenedEvidence(bytes: ByteSource(text: files[file] ?? ""))
  }
  func readText(_ file: String) -> String? { files[file] }
  func stamp(of file: String) -> [Int]? { files[file].map { [$0.utf8.count] } }
}
