/// `load sql "QUERY" --db URL as NAME [--limit N] [--timeout SECONDS] [--allow-superuser] --snapshot evidence/NAME.sql.csv`.
/// The shell runs the query and writes the snapshot, then records the command with `--snapshot`;
/// the session, opening and replay only ever load that file (they never contact a server).
public struct SQLLoadSpec: Hashable, Sendable {
  public static let defaultLimit = 1_000_000
  public static let defaultTimeout = 60
  public var query: Located<String>
  /// The database URL as typed (never with a password: the parser refuses one).
  public var database: Located<String>
  public var limit: Located<Int>?
  public var timeout: Located<Int>?
  /// The CSV the query's answer was written to; nil until the shell has run the query.
  public var snapshot: Located<String>?
  /// `--allow-superuser`: run even when the PostgreSQL role is a superuser (refused otherwise: a
  /// superuser's functions, such as `pg_terminate_backend`, act even in a read-only transaction).
  public var allowSuperuser = false
  public var rowLimit: Int { limit?.value ?? Self.defaultLimit }
  public var timeoutSeconds: Int { timeout?.value ?? Self.defaultTimeout }
}
