import Testing
@testable import GembaStore

/// The `?` → `$n` rewriting is pure, so it runs without a server.
@Suite struct SQLPlaceholdersTests {
  @Test(arguments: [
    ("SELECT ? + ?", "SELECT $1 + $2", 2),
    ("SELECT '?' , ?", "SELECT '?' , $1", 1),
    ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1),
    (#"SELECT E'\'?', ?"#, #"SELECT E'\'?', $1"#, 1),
    (#"SELECT "a?b" FROM t WHERE x = ?"#, #"SELECT "a?b" FROM t WHERE x = $1"#, 1),
    ("SELECT 1 -- why?\n, ?", "SELECT 1 -- why?\n, $1", 1),
    ("SELECT /* a /* nested? */ still? */ ?", "SELECT /* a /* nested? */ still? */ $1", 1),
    ("SELECT $$ who? $$, $tag$ ? $tag$, ?", "SELECT $$ who? $$, $tag$ ? $tag$, $1", 1),
    ("INSERT INTO t VALUES (?, ?, ?)", "INSERT INTO t VALUES ($1, $2, $3)", 3),
    ("SELECT 'unterminated ?", "SELECT 'unterminated ?", 0),
    ("SELECT café, ? FROM t", "SELECT café, $1 FROM t", 1),
  ])
  func numbersPlaceholdersOutsideQuotes(input: String, expected: String, count: Int) {
    let (sql, n) = SQLPlaceholders.numbered(input)
    #expect(sql == expected)
    #expect(n == count)
  }
}
