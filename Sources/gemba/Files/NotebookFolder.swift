import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real files of a notebook's folder, as the evidence workspace sees them: paths resolved
/// through `PathPolicy` (the fence around someone else's notebook), files mapped, progress
/// shown on a terminal, and Ctrl-C able to cancel a load or a query.
final class NotebookFolder: EvidenceFileSystem {
  let policy: PathPolicy
  /// Draw progress for long loads and run queries so Ctrl-C can abandon them (an interactive shell).
  let interactive: Bool
  /// The session writes its exports (a replay only checks them), so their folders must exist.
  let writesExports: Bool
  /// Files an export may never replace (the notebook, its evidence), set by the session's runner.
  var protectedFiles: () -> [String] = { [] }

  init(policy: PathPolicy, interactive: Bool = false, writesExports: Bool = false) {
    self.policy = policy
    self.interactive = interactive
    self.writesExports = writesExports
  }

  var folderName: String { Paths.absolute(policy.folder) }

  func locate(_ path: Located<String>) throws(Diagnostic) -> String {
    try policy.resolve(path)
  }

  func kind(of file: String) -> EvidenceFileKind {
    var info = stat()
    guard stat(file, &info) == 0 else {
      var link = stat()
      return lstat(file, &link) == 0 ? .brokenLink : .missing
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: return .folder
    default: return .other
    }
  }

  func open(_ file: String) throws(EvidenceError) -> OpenedEvidence {
    // A large file is mapped from the page cache (checked before and after each use); a small
    // one, or one that cannot be watched, is streamed: read a chunk at a time, each chunk hashed
    // and scanned as it arrives.
    let mapped = try MappedFile(path: file, streamed: true, pageCache: true)
    return OpenedEvidence(bytes: ByteSource(mapped)) { () throws(EvidenceError) in try mapped.verifyUnchanged() }
  }

  func readText(_ file: String) -> String? { Paths.read(file) }

  func stamp(of file: String) -> [Int]? {
    var info = stat()
    guard stat(file, &info) == 0 else { return nil }
    #if canImport(Darwin)
      let mtime = [Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec)]
    #else
      let mtime = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
    #endif
    return [Int(info.st_dev), Int(info.st_ino), Int(info.st_size)] + mtime
  }

  func checkWritable(_ path: Located<String>) throws(Diagnostic) {
    guard writesExports else { return }
    let target = Paths.resolve(path.value, in: policy.folder)
    let real = SafeFile.canonical(target)
    let protected = protectedFiles()
    if let hit = protected.first(where: { SafeFile.canonical($0) == real }) {
      throw .error(
        .exportRefused,
        "refused to export to `\(path.value)`: it is \(hit == protected.first ? "this notebook's own file" : "evidence this notebook loaded")",
        at: path.span, notes: ["choose another file name; nothing was recorded"])
    }
    let folder = Paths.folder(of: target)
    if !Paths.exists(folder) {
      // `export md record/x.md` with no `record/` yet: the write makes it, inside the notebook's folder.
      try SafeFile.checkCreatable(folder, inside: policy.folder, for: path)
      return
    }
    guard access(folder, W_OK) == 0 else {
      throw .error(
        .exportNotWritten, "cannot write `\(path.value)`: the folder \(folder) does not exist or is not writable",
        at: path.span,
        notes: ["paths are relative to the notebook's folder; nothing was recorded"])
    }
    if Paths.exists(target) && access(target, W_OK) != 0 {
      throw .error(.exportNotWritten, "cannot write `\(path.value)`: the file is read-only", at: path.span)
    }
  }

  func watchLoad(
    _ progress: LoadProgress, total: Int, label: String,
    _ body: () throws(EvidenceError) -> LoadResult
  ) throws(EvidenceError) -> LoadResult {
    let display = LoadProgressDisplay(
      progress: progress, total: total, label: label, visible: interactive && isatty(2) == 1)
    display.start()
    defer { display.stop() }
    return try body()
  }

  func runQuery(_ pipeline: QueryPipeline, on table: EvidenceTable, span: SourceSpan) throws(Diagnostic) -> QueryResult
  {
    guard interactive else { return try QueryEngine.run(pipeline, on: table) }
    return try CancellableQuery.run(pipeline, on: table, span: span)
  }
}
