import Foundation

/// The Freeman–Halton exact test of independence on an r × c table: Fisher's exact test
/// generalised (Freeman & Halton 1951), two-sided as R's fisher.test defines it — the sum of the
/// probabilities of every table with the observed margins that is no more probable than the
/// observed one, "no more probable" within a relative tolerance of 10⁻⁷.
///
/// Tables with the observed margins are enumerated while there are at most `mostEnumerated` of
/// them; beyond, up to `mostSimulated` random tables with the margins are drawn with a fixed seed
/// (so the figure is the same on every run) and p = (1 + hits) / (B + 1), R's
/// `simulate.p.value` convention, which never reports 0.
public struct FreemanHaltonTest: Hashable, Sendable {
  public enum Method: Hashable, Sendable {
    /// Every table with the observed margins was weighed.
    case everyTable(tables: Int)
    /// `tables` random tables with the observed margins; the p-value's simulation standard error.
    case monteCarlo(tables: Int, standardError: Double)
  }

  public var table: [[Int]]
  public var pValue: Double
  public var method: Method

  /// Enumeration stops here and Monte Carlo takes over: a million tables take well under a
  /// second, and a table this varied has margins large enough for sampling to be precise.
  public static let mostEnumerated = 1_000_000
  /// B for tables of modest margins: the simulation standard error is at most 0.0016 (at
  /// p = 0.5), 0.0007 at p = 0.05.
  static let mostSimulated = 100_000
  static let seed: UInt64 = 0x6765_6D62_6122
  static let tolerance = 1e-7

  /// "Freeman–Halton exact test" or "Freeman–Halton test (Monte Carlo, 100,000 tables, ± 0.001)".
  public var name: String {
    switch method {
    case .everyTable: return "the Freeman–Halton exact test"
    case .monteCarlo(let tables, let se):
      return
        "the Freeman–Halton test (Monte Carlo, \(NumberFormat.integer(tables)) tables, ± \(NumberFormat.significant(se, digits: 1)))"
    }
  }

  /// - Precondition: at least 2 × 2, every row and column total above 0 (CrossTabTest checks).
  /// - Parameter limit: the most tables enumerated before Monte Carlo takes over (tests lower it).
  public init(_ table: [[Int]], enumeratingAtMost limit: Int = mostEnumerated) {
    self.table = table
    let rows = table.map { $0.reduce(0, +) }
    let columns = table[0].indices.map { j in table.reduce(0) { $0 + $1[j] } }
    let total = rows.reduce(0, +)
    // log P(table) = K − Σ log nᵢⱼ!, K from the margins alone.
    let k =
      rows.reduce(0.0) { $0 + Self.logFactorial($1) } + columns.reduce(0.0) { $0 + Self.logFactorial($1) }
      - Self.logFactorial(total)
    // ln k! looked up, not recomputed: a Monte Carlo run asks for it millions of times.
    let cache = (0...min(total, 1 << 21)).map { Self.logFactorial($0) }
    func lf(_ n: Int) -> Double { n < cache.count ? cache[n] : Self.logFactorial(n) }
    let observed = table.joined().reduce(0.0) { $0 + lf($1) }
    // A table counts when its Σ log nᵢⱼ! is at least the observed one's, less the tolerance.
    let threshold = observed - log1p(Self.tolerance)
    if let (p, count) = Self.enumerate(
      rows: rows, columns: columns, k: k, threshold: threshold, limit: limit, lf: lf)
    {
      pValue = min(1, p)
      method = .everyTable(tables: count)
      return
    }
    var generator = SeededGenerator(seed: Self.seed)
    var hits = 0
    var cells = table
    let b = Self.simulatedTables(rows: rows, columns: columns)
    for _ in 0..<b {
      Self.randomTable(rows: rows, columns: columns, into: &cells, using: &generator, logFactorial: lf)
      var score = 0.0
      for row in cells { for x in row { score += lf(x) } }
      if score >= threshold { hits += 1 }
    }
    pValue = (Double(hits) + 1) / (Double(b) + 1)
    method = .monteCarlo(tables: b, standardError: (pValue * (1 - pValue) / Double(b)).squareRoot())
  }

  /// B: 100,000 tables, fewer (down to 10,000) when the margins are so large that each table
  /// costs many steps — a draw walks about one standard deviation (≤ √E) from the mode — so a
  /// table of a million rows still answers in well under a second. Set by the margins alone,
  /// so the figure is still the same on every run; the standard error printed says what it costs.
  static func simulatedTables(rows: [Int], columns: [Int]) -> Int {
    let total = Double(rows.reduce(0, +))
    var steps = 0.0
    for r in rows.dropLast() {
      for c in columns.dropLast() { steps += 4 + (Double(r) * Double(c) / total).squareRoot() }
    }
    let budget = 2e7
    return [mostSimulated, 50_000, 20_000].first { Double($0) * steps <= budget } ?? 10_000
  }

  private static func logFactorial(_ n: Int) -> Double { SpecialFunctions.logGamma(Double(n) + 1) }

  /// Σ P over the tables with these margins whose Σ log nᵢⱼ! ≥ threshold, filled column by
  /// column (the last row and the last column follow from the margins); nil past `limit` tables.
  private static func enumerate(
    rows: [Int], columns: [Int], k: Double, threshold: Double, limit: Int, lf: (Int) -> Double
  ) -> (Double, Int)? {
    let r = rows.count, c = columns.count
    var remaining = rows
    var p = 0.0
    var count = 0
    var overflow = false
    // Fills column j from row i on, with `left` of the column still to place; `score` is Σ log n! so far.
    func fill(_ j: Int, _ i: Int, _ left: Int, _ score: Double) {
      if overflow { return }
      if j == c - 1 {
        // The last column holds what each row has left.
        let s = remaining.reduce(score) { $0 + lf($1) }
        count += 1
        if count > limit { overflow = true; return }
        if s >= threshold { p += exp(k - s) }
        return
      }
      if i == r - 1 {
        guard left <= remaining[i] else { return }
        remaining[i] -= left
        fill(j + 1, 0, columns[j + 1], score + lf(left))
        remaining[i] += left
        return
      }
      // What the rows below can still take bounds this cell from below.
      let below = remaining[(i + 1)...].reduce(0, +)
      let lowest = max(0, left - below)
      let highest = min(remaining[i], left)
      if lowest > highest { return }
      for x in lowest...highest {
        remaining[i] -= x
        fill(j, i + 1, left - x, score + lf(x))
        remaining[i] += x
        if overflow { return }
      }
    }
    fill(0, 0, columns[0], 0)
    return overflow ? nil : (p, count)
  }

  /// A table drawn uniformly from the permutations with these margins: each row's cells by
  /// successive hypergeometric draws from what the columns have left (the conditional
  /// distribution Patefield's algorithm AS 159 samples).
  static func randomTable(
    rows: [Int], columns: [Int], into cells: inout [[Int]], using generator: inout SeededGenerator,
    logFactorial lf: (Int) -> Double
  ) {
    var columnsLeft = columns
    var itemsLeft = columns.reduce(0, +)
    for i in rows.indices {
      if i == rows.count - 1 {
        cells[i] = columnsLeft
        return
      }
      var need = rows[i]
      var pool = itemsLeft
      for j in columns.indices {
        let x: Int
        if j == columns.count - 1 {
          x = need
        } else {
          x = Hypergeometric(population: pool, successes: columnsLeft[j], draws: need).sample(
            using: &generator, logFactorial: lf)
          pool -= columnsLeft[j]
        }
        cells[i][j] = x
        columnsLeft[j] -= x
        need -= x
      }
      itemsLeft -= rows[i]
    }
  }
}
