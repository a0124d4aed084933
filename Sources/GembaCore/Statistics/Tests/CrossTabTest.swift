import Foundation

/// Pearson's χ² test of independence on an r × c cross-tab, with what shows which cells drive it.
///
/// As scipy.stats.chi2_contingency by default: Yates' continuity correction when the table has
/// one degree of freedom (2 × 2), none otherwise. Rows or columns that are all zero are an error.
public struct CrossTabTest: Hashable, Sendable {
  public var rowLabels: [String]
  public var columnLabels: [String]
  public var observed: [[Int]]
  /// Row total × column total / grand total.
  public var expected: [[Double]]
  /// Each cell as a share of its row (rows add to 1).
  public var rowShares: [[Double]]
  /// Each cell as a share of its column (columns add to 1).
  public var columnShares: [[Double]]
  /// (O − E) / √(E (1 − rowᵢ/N)(1 − colⱼ/N)) (Agresti): about N(0, 1) under independence, so
  /// |r| > 2 marks a cell that drives the association.
  public var adjustedResiduals: [[Double]]
  public var chiSquare: Double
  public var degreesOfFreedom: Int
  public var pValue: Double
  /// Whether Yates' correction was applied (2 × 2 tables).
  public var yatesCorrected: Bool
  /// Fisher's exact test, for 2 × 2 tables.
  public var fisher: FisherExactTest?
  public var verdict: Verdict
  public var warnings: [Diagnostic]

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
    yatesCorrected = degreesOfFreedom == 1
    var x2 = 0.0
    var residuals = expected
    for i in observed.indices {
      for j in observed[i].indices {
        let e = expected[i][j]
        var gap = Double(observed[i][j]) - e
        residuals[i][j] = gap / (e * (1 - Double(rows[i]) / total) * (1 - Double(columns[j]) / total)).squareRoot()
        // Yates: move each count half a unit towards its expectation (never past it).
        if yatesCorrected { gap = gap.sign == .minus ? -max(0, -gap - 0.5) : max(0, gap - 0.5) }
        x2 += gap * gap / e
      }
    }
    adjustedResiduals = residuals
    chiSquare = x2
    pValue = ChiSquared.survival(x2, df: Double(degreesOfFreedom))
    fisher = rows.count == 2 && columns.count == 2 ? FisherExactTest(observed) : nil
    verdict = Verdict(
      pValue: pValue, alpha: alpha, subject: "an association this strong", significant: "a real association")
    let small = expected.joined().filter { $0 < 5 }.count
    warnings =
      small == 0
      ? []
      : [
        Diagnostic(
          .approximateTest,
          "\(small) of \(expected.joined().count) cells expect fewer than 5 counts: the χ² p-value is approximate"
            + (fisher.map { " (Fisher's exact test: p = \(NumberFormat.compact($0.pValue))" + ")" }
              ?? "; merge sparse categories"))
      ]
  }
}
