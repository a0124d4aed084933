/// The one seam between the register (and `load sql`) and a database engine: SQLite embedded,
/// PostgreSQL on the team's server. Statements use `?` placeholders; an engine that numbers its
/// parameters (`$1`) rewrites them. Values cross as `SQLValue`, never as interpolated text.
public protocol SQLDatabase: AnyObject {
  var engine: SQLEngine { get }
  /// Runs one statement with its parameters and returns what it selected (no rows for DDL/DML).
  func execute(_ sql: String, _ parameters: [SQLValue]) throws(SQLError) -> SQLRows
  /// Runs several statements separated by `;`, without parameters (schema migrations).
  func executeScript(_ sql: String) throws(SQLError)
  /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
  func transaction<T>(_ body: () throws -> T) throws -> T
}

public enum SQLEngine: String, Sendable, Equatable { case sqlite, postgresql }

public enum SQLValue: Sendable, Equatable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
}

public struct SQLRows: Sendable, Equatable {
  public var columns: [String]
  public var rows: [[SQLValue]]
  public init(columns: [String] = [], rows: [[SQLValue]] = []) {
    self.columns = columns
    self.rows = rows
  }
}

/// A database's refusal, in words a user can act on: what failed, on which database.
public struct SQLError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `connect`, `authentication`, `permission`, `syntax`, `timeout`, `constraint`, `schema`, `other`.
  public enum Reason: String, Sendable, Equatable {
    case connect, authentication, permission, syntax, timeout, constraint, schema, other
  }
  public var reason: Reason
  public var message: String
  /// The database as the user named it, with any password removed.
  public var database: String
  public init(_ reason: Reason, _ message: String, database: String) {
    self.reason = reason
    self.message = message
    self.database = database
  }
  public var description: String { "\(database): \(message)" }
}
