import Foundation

/// Is a cross-tab's pattern more than chance? One decision, on one test, named in the verdict.
///
/// Pearson's χ² (no continuity correction) when its approximation is sound by Cochran's rule —
/// no expected count under 1 and at most 20 % of them under 5; otherwise an exact test: Fisher's
/// for a 2 × 2 table (any expected count under 5), Freeman–Halton's for a larger one. A 2 × 2
/// table is judged exactly as `TwoProportionTest` judges the same counts, with the same sentence.
/// Rows or columns that are all zero are an error.
public struct CrossTabTest: Hashable, Sendable {
  /// The test the verdict reads.
  public enum Decision: Hashable, Sendable {
    /// Pearson's χ²: every expected count is large enough for its approximation.
    case chiSquare
    /// A 2 × 2 table with an expected count under 5: Fisher's exact test.
    case fisher(FisherExactTest)
    /// A larger table failing Cochran's rule: the Freeman–Halton exact (or Monte Carlo) test.
    case freemanHalton(FreemanHaltonTest)
  }

  /// A cell whose adjusted residual passes the Bonferroni critical value in a significant table.
  public struct Cell: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var residual: Double
  }

  public var rowLabels: [String]
  public var columnLabels: [String]
  public var observed: [[Int]]
  /// Row total × column total / grand total.
  public var expected: [[Double]]
  /// Each cell as a share of its row (rows add to 1).
  public var rowShares: [[Double]]
  /// Each cell as a share of its column (columns add to 1).
  public var columnShares: [[Double]]
  /// (O − E) / √(E (1 − rowᵢ/N)(1 − colⱼ/N)) (Agresti): about N(0, 1) under independence.
  public var adjustedResiduals: [[Double]]
  /// Pearson's X² = Σ (O − E)² / E, never continuity-corrected.
  public var chiSquare: Double
  public var degreesOfFreedom: Int
  /// The χ² approximation's p-value (the verdict reads it only when `decision` is `.chiSquare`).
  public var pValue: Double
  /// Fisher's exact test, for 2 × 2 tables.
  public var fisher: FisherExactTest?
  public var decision: Decision
  /// |residual| a cell must pass to be named: z(1 − α / (2 · cells)), Bonferroni over the cells.
  public var criticalResidual: Double
  /// The cells that drive a significant association, largest |residual| first; empty when the
  /// table is not significant.
  public var drivingCells: [Cell]
  public var verdict: Verdict
  public var warnings: [Diagnostic]

  /// A cell is named only when its observed or its expected count is at least this: one
  /// observation where 0.06 were expected is a large residual but not a finding.
  public static let leastCountToDrive = 5

  public init(
    _ observed: [[Int]], rowLabels: [String]? = nil, columnLabels: [String]? = nil,
    alpha: Double = 0.05
  ) throws(Diagnostic) {
    let r = observed.count, c = observed.first?.count ?? 0
    guard r >= 2, c >= 2 else {
      throw Diagnostic.error(
        .invalidCrossTab, "a cross-tab needs at least 2 rows and 2 columns (this one is \(r) × \(c))",
        notes: ["a column with a single value cannot be associated with anything"])
    }
    guard observed.allSatisfy({ $0.count == c }) else {
      throw Diagnostic.error(.mismatchedLengths, "the cross-tab's rows differ in length")
    }
    guard observed.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
      throw Diagnostic.error(.invalidCounts, "a count in the cross-tab is negative")
    }
    let rows = observed.map { $0.reduce(0, +) }
    let columns = (0..<c).map { j in observed.reduce(0) { $0 + $1[j] } }
    if rows.contains(0) {
      throw Diagnostic.error(.invalidCrossTab, "a row of the cross-tab has no counts: leave it out")
    }
    if columns.contains(0) {
      throw Diagnostic.error(.invalidCrossTab, "a column of the cross-tab has no counts: leave it out")
    }
    self.init(checked: observed, rows: rows, columns: columns, alpha: alpha)
    self.rowLabels = rowLabels ?? (0..<r).map { "row \($0 + 1)" }
    self.columnLabels = columnLabels ?? (0..<c).map { "column \($0 + 1)" }
  }

  private init(checked observed: [[Int]], rows: [Int], columns: [Int], alpha: Double) {
    let total = Double(rows.reduce(0, +))
    self.observed = observed
    rowLabels = []
    columnLabels = []
    expected = rows.map { ri in columns.map { Double(ri) * Double($0) / total } }
    rowShares = observed.indices.map { i in observed[i].map { Double($0) / Double(rows[i]) } }
    columnShares = observed.indices.map { i in observed[i].indices.map { Double(observed[i][$0]) / Double(columns[$0]) }
    }
    degreesOfFreedom = (rows.count - 1) * (columns.count - 1)
    var x2 = 0.0
    var residuals = expected
    for i in observed.indices {
      for j in observed[i].indices {
        let e = expected[i][j]
        let gap = Double(observed[i][j]) - e
        residuals[i][j] = gap / (e * (1 - Double(rows[i]) / total) * (1 - Double(columns[j]) / total)).squareRoot()
        x2 += gap * gap / e
      }
    }
    adjustedResiduals = residuals
    chiSquare = x2
    let twoByTwo = rows.count == 2 && columns.count == 2
    // For 2 × 2, X² = z² of the two-proportion test: the same p from the same function.
    pValue =
      twoByTwo
      ? 2 * NormalDistribution.survival(x2.squareRoot()) : ChiSquared.survival(x2, df: Double(degreesOfFreedom))
    fisher = twoByTwo ? FisherExactTest(observed) : nil
    let cells = expected.joined().count
    let under5 = expected.joined().filter { $0 < 5 }.count
    let under1 = expected.joined().filter { $0 < 1 }.count
    // Cochran (1954): χ² is sound when no expected count is under 1 and at most 20 % are under
    // 5; for 2 × 2 any expected count under 5 sends the decision to Fisher's test.
    let sound = twoByTwo ? under5 == 0 : under1 == 0 && 5 * under5 <= cells
    let decidingP: Double
    let testName: String
    if sound {
      decision = .chiSquare
      decidingP = pValue
      testName = "Pearson's chi-square test"
    } else if let fisher {
      decision = .fisher(fisher)
      decidingP = fisher.pValue
      testName = "Fisher's exact test"
    } else {
      let exact = FreemanHaltonTest(observed)
      decision = .freemanHalton(exact)
      decidingP = exact.pValue
      testName = exact.name
    }
    verdict =
      twoByTwo
      ? Verdict(
        pValue: decidingP, alpha: alpha, subject: "a difference this large", significant: "a real difference",
        test: testName)
      : Verdict(
        pValue: decidingP, alpha: alpha, subject: "an association this strong", significant: "a real association",
        test: testName)
    criticalResidual = NormalDistribution.upperQuantile(alpha / (2 * Double(cells)))
    var driving: [Cell] = []
    if verdict.isSignificant {
      for i in observed.indices {
        for j in observed[i].indices
        where abs(residuals[i][j]) > criticalResidual
          && max(Double(observed[i][j]), expected[i][j]) >= Double(Self.leastCountToDrive)
        {
          driving.append(Cell(row: i, column: j, residual: residuals[i][j]))
        }
      }
    }
    drivingCells = driving.sorted { abs($0.residual) > abs($1.residual) }
    if sound {
      warnings = []
    } else {
      let counts =
        "\(under5) of \(cells) cells expect fewer than 5 counts" + (under1 > 0 ? " (\(under1) fewer than 1)" : "")
      warnings = [
        Diagnostic(.approximateTest, counts + ": the χ² p-value is approximate, so the verdict reads \(testName)")
      ]
    }
  }

  /// The test the verdict reads, as the record names it beside the p-value.
  public var method: String {
    switch decision {
    case .chiSquare: return "Pearson's chi-square test"
    case .fisher: return "Fisher's exact test"
    case .freemanHalton(let f): return String(f.name.dropFirst("the ".count))
    }
  }

  /// The p-value the verdict reads.
  public var decidingPValue: Double { verdict.pValue }
}
