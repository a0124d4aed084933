import CSQLite
import Glibc

/// The embedded register: one SQLite file, written under `BEGIN IMMEDIATE` so that two
/// writers queue on the file lock (with a busy timeout) instead of failing half-way.
public final class SQLiteDatabase: SQLDatabase {
  public let engine = SQLEngine.sqlite
  /// The file as the user named it, for error messages.
  public let name: String
  /// The file itself, to tell a full disk from another write error.
  private let path: String
  private var handle: OpaquePointer?
  /// Prepared statements by their text: indexing runs the same few inserts hundreds of
  /// thousands of times, and preparing each costs more than running it.
  private var statements: [String: OpaquePointer] = [:]
  private var depth = 0

  /// A statement running past it is interrupted (`load sql`'s `--timeout`); nil: no limit.
  private let deadline: Deadline?
  /// Errors name the statement that failed, except for a user's query (its text is theirs).
  private let namesStatements: Bool

  /// The register, created when missing.
  /// - Parameter busyTimeout: milliseconds a writer waits for another writer's lock.
  public convenience init(path: String, busyTimeout: Int32 = 120_000) throws(SQLError) {
    try self.init(
      path: path, shown: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
      what: "the register", timeoutSeconds: nil)
    sqlite3_busy_timeout(handle, busyTimeout)
    // WAL lets readers (the questions) run while an indexer writes; NORMAL sync is safe under WAL.
    // mmap: a question over a large register reads pages in place instead of copying them.
    try executeScript(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA mmap_size=1073741824")
  }

  /// An existing file opened for reading only (`load sql sqlite:PATH`): nothing is created or
  /// written, and a statement running past `timeoutSeconds` is interrupted.
  public convenience init(readingOnly path: String, shown: String, timeoutSeconds: Int) throws(SQLError) {
    try self.init(
      path: path, shown: shown, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
      what: "the SQLite file \(path) (the path is relative to the notebook's folder)", timeoutSeconds: timeoutSeconds)
  }

  private init(path: String, shown: String, flags: Int32, what: String, timeoutSeconds: Int?) throws(SQLError) {
    name = shown
    self.path = path
    namesStatements = timeoutSeconds == nil
    deadline = timeoutSeconds.map(Deadline.init)
    var db: OpaquePointer?
    let rc = sqlite3_open_v2(path, &db, flags, nil)
    handle = db
    guard rc == SQLITE_OK else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(db)
      handle = nil
      throw SQLError(.connect, "cannot open \(what): \(message)", database: shown)
    }
    sqlite3_extended_result_codes(db, 1)
    if let deadline {
      sqlite3_progress_handler(
        db, 10_000,
        { context in
          Unmanaged<Deadline>.fromOpaque(context!).takeUnretainedValue().passed ? 1 : 0
        }, Unmanaged.passUnretained(deadline).toOpaque())
    }
  }

  /// When a running statement is to be interrupted (SQLite's progress handler asks).
  final class Deadline {
    let seconds: Int
    private var end = timespec()
    init(seconds: Int) { self.seconds = seconds }
    func start() {
      clock_gettime(CLOCK_MONOTONIC, &end)
      end.tv_sec += seconds
    }
    var passed: Bool {
      var now = timespec()
      clock_gettime(CLOCK_MONOTONIC, &now)
      return now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec)
    }
  }

  deinit {
    for statement in statements.values { sqlite3_finalize(statement) }
    sqlite3_close_v2(handle)
  }

  public func execute(_ sql: String, _ parameters: [SQLValue]) throws(SQLError) -> SQLRows {
    deadline?.start()
    let statement = try prepared(sql)
    defer {
      sqlite3_reset(statement)
      sqlite3_clear_bindings(statement)
    }
    guard Int(sqlite3_bind_parameter_count(statement)) == parameters.count else {
      throw SQLError(
        .other,
        "a statement takes \(sqlite3_bind_parameter_count(statement)) values, given \(parameters.count): \(sql)",
        database: name)
    }
    for (index, value) in parameters.enumerated() {
      let position = Int32(index + 1)
      let rc: Int32
      switch value {
      case .null: rc = sqlite3_bind_null(statement, position)
      case .integer(let v): rc = sqlite3_bind_int64(statement, position, v)
      case .real(let v): rc = sqlite3_bind_double(statement, position, v)
      case .text(let v): rc = sqlite3_bind_text(statement, position, v, -1, Self.transient)
      }
      guard rc == SQLITE_OK else { throw error(rc, doing: sql) }
    }
    var result = SQLRows()
    let count = sqlite3_column_count(statement)
    result.columns = (0..<count).map { String(cString: sqlite3_column_name(statement, $0)) }
    while true {
      let rc = sqlite3_step(statement)
      if rc == SQLITE_DONE { break }
      guard rc == SQLITE_ROW else { throw error(rc, doing: sql) }
      var row: [SQLValue] = []
      row.reserveCapacity(Int(count))
      for column in 0..<count {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
        case SQLITE_NULL: row.append(.null)
        default: row.append(.text(String(cString: sqlite3_column_text(statement, column))))
        }
      }
      result.rows.append(row)
    }
    return result
  }

  public func executeScript(_ sql: String) throws(SQLError) {
    deadline?.start()
    var message: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(handle, sql, nil, nil, &message)
    guard rc == SQLITE_OK else {
      let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
      sqlite3_free(message)
      throw failure(rc, text)
    }
  }

  /// `BEGIN IMMEDIATE` takes the write lock up front: a second writer waits here (busy
  /// timeout) rather than failing at its first write after reading a stale state.
  /// Nested calls join the outer transaction.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    if depth > 0 {
      depth += 1
      defer { depth -= 1 }
      return try body()
    }
    try executeScript("BEGIN IMMEDIATE")
    depth = 1
    do {
      let value = try body()
      depth = 0
      try executeScript("COMMIT")
      return value
    } catch {
      depth = 0
      try? executeScript("ROLLBACK")
      throw error
    }
  }

  private func prepared(_ sql: String) throws(SQLError) -> OpaquePointer {
    if let statement = statements[sql] { return statement }
    var statement: OpaquePointer?
    let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
    guard rc == SQLITE_OK, let statement else { throw error(rc, doing: sql) }
    statements[sql] = statement
    return statement
  }

  private func error(_ rc: Int32, doing sql: String) -> SQLError {
    let message = String(cString: sqlite3_errmsg(handle))
    return failure(rc, message + (namesStatements && Self.reason(rc) == .syntax ? " in: \(sql)" : ""))
  }

  private func failure(_ rc: Int32, _ message: String) -> SQLError {
    if rc & 0xff == SQLITE_INTERRUPT, let deadline {
      return SQLError(.timeout, "the query ran past its time limit (\(deadline.seconds) s)", database: name)
    }
    if rc & 0xff == SQLITE_FULL || rc & 0xff == SQLITE_IOERR {
      // "disk I/O error" alone does not say what to do: a full disk is the usual cause.
      let full = rc & 0xff == SQLITE_FULL || Self.diskIsFull(holding: path)
      return SQLError(
        .other,
        (full
          ? "the disk holding \(name) is full"
          : "the disk holding \(name) failed while it was written (\(message))")
          + ": nothing of this command was kept (SQLite rolled it back); free some space and run it again",
        database: name)
    }
    return SQLError(Self.reason(rc), message, database: name)
  }

  /// Whether the file system holding `path` has no block left for an ordinary user.
  static func diskIsFull(holding path: String) -> Bool {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) } ?? "."
    var info = statvfs()
    guard statvfs(folder.isEmpty ? "/" : folder, &info) == 0 else { return false }
    // A few blocks may remain after a failed write; SQLite needs pages, not bytes.
    return info.f_bavail * UInt(info.f_frsize) < 64 * 1024
  }

  static func reason(_ rc: Int32) -> SQLError.Reason {
    switch rc & 0xff {
    case SQLITE_BUSY, SQLITE_LOCKED: .timeout
    case SQLITE_CONSTRAINT: .constraint
    case SQLITE_PERM, SQLITE_READONLY, SQLITE_AUTH: .permission
    case SQLITE_CANTOPEN, SQLITE_NOTADB: .connect
    case SQLITE_SCHEMA: .schema
    case SQLITE_ERROR: .syntax
    default: .other
    }
  }

  /// SQLite copies the bound text (the Swift string's buffer lives only for the call).
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
