/// The edge's half of the evidence workspace: where a path in a cell leads, the bytes of a
/// file, and how long work is watched. The executable reads real files below the
/// notebook's folder (and shows progress, lets Ctrl-C cancel); tests give files from memory.
public protocol EvidenceFileSystem: AnyObject {
  /// The file a path typed in a cell names, or why it may not be read (outside the folder, …).
  func locate(_ path: Located<String>) throws(Diagnostic) -> String
  /// What stands at `file`.
  func kind(of file: String) -> EvidenceFileKind
  /// The bytes of a regular file, and a check (run after reading them) that it did not change meanwhile.
  func open(_ file: String) throws(EvidenceError) -> OpenedEvidence
  /// A text document read whole, or nil when it is not UTF-8 or cannot be read.
  func readText(_ file: String) -> String?
  /// The notebook's folder as messages name it (paths in cells are relative to it).
  var folderName: String { get }
  /// Identifies a file's current content cheaply (device, inode, size, modification time):
  /// equal stamps mean its digest need not be computed again. Nil when it cannot be read.
  func stamp(of file: String) -> [Int]?
  /// Checks, before an export is recorded, that its file can be written there.
  func checkWritable(_ path: Located<String>) throws(Diagnostic)
  /// Runs a load of `total` bytes, showing its progress where someone watches and letting
  /// them cancel it through `progress`.
  func watchLoad(
    _ progress: LoadProgress, total: Int, label: String,
    _ body: () throws(EvidenceError) -> LoadResult
  ) throws(EvidenceError) -> LoadResult
  /// Runs a query; an interactive edge lets Ctrl-C abandon it.
  func runQuery(_ pipeline: QueryPipeline, on table: EvidenceTable, span: SourceSpan) throws(Diagnostic) -> QueryResult
}

extension EvidenceFileSystem {
  public func checkWritable(_ path: Located<String>) throws(Diagnostic) {}
  public func watchLoad(
    _ progress: LoadProgress, total: Int, label: String,
    _ body: () throws(EvidenceError) -> LoadResult
  ) throws(EvidenceError) -> LoadResult {
    try body()
  }
  public func runQuery(_ pipeline: QueryPipeline, on table: EvidenceTable, span: SourceSpan) throws(Diagnostic)
    -> QueryResult
  {
    try QueryEngine.run(pipeline, on: table)
  }
}

public enum EvidenceFileKind: Sendable, Equatable {
  case missing, regular, folder
  /// A FIFO, a device, a socket: never opened (a FIFO would block).
  case other
  /// A symbolic link whose target is gone, or a loop of links.
  case brokenLink
}

/// A file's bytes as opened for a load.
public struct OpenedEvidence {
  public var bytes: ByteSource
  /// Throws when the file changed while it was read.
  public var verifyUnchanged: () throws(EvidenceError) -> Void

  public init(bytes: ByteSource, verifyUnchanged: @escaping () throws(EvidenceError) -> Void = {}) {
    self.bytes = bytes
    self.verifyUnchanged = verifyUnchanged
  }
}
