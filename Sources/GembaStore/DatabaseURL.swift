import GembaCore

extension SQLError {
  /// A refused database URL as the stores report failures: a password is an authentication problem.
  public init(_ error: DatabaseURLError) {
    switch error.problem {
    case .password: self.init(.authentication, error.message, database: error.shown)
    case .malformed: self.init(.connect, error.message, database: error.shown)
    }
  }
}

/// Opens the register at `url`: SQLite here, PostgreSQL through `PostgresDatabase`.
public func openDatabase(_ url: DatabaseURL) throws(SQLError) -> any SQLDatabase {
  switch url {
  case .sqlite(let path):
    return try SQLiteDatabase(path: path)
  case .postgresql(let location):
    // The team's server answers quickly or not at all: a register question should not hang.
    return try PostgresDatabase(location, connectTimeout: 5)
  }
}
