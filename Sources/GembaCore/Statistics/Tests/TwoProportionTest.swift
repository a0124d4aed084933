import Foundation

/// Is the share of rows meeting a condition different between two groups?
///
/// The pooled two-proportion z test (two-sided), the difference with its 95 % Wald interval
/// (unpooled standard error), and Fisher's exact test on the same 2 × 2 table.
public struct TwoProportionTest: Hashable, Sendable {
  public var first: Proportion
  public var second: Proportion
  /// p₁ − p₂.
  public var difference: Double
  /// The Wald interval for p₁ − p₂ at `confidence`: d ± z √(p₁q₁/n₁ + p₂q₂/n₂).
  public var differenceInterval: ClosedRange<Double>
  public var confidence: Double
  /// (p₁ − p₂) / √(p̄ q̄ (1/n₁ + 1/n₂)), p̄ the pooled share.
  public var z: Double
  /// Two-sided p-value of the z test.
  public var pValue: Double
  public var fisher: FisherExactTest
  /// True when an expected count is below 5: the verdict then reads Fisher's exact p-value.
  public var usesFisher: Bool
  /// The plain-words verdict, from the z test, or from Fisher's test when counts are small.
  public var verdict: Verdict
  /// Said when the z test's normal approximation is doubtful (an expected count below 5).
  public var warnings: [Diagnostic]

  public struct Proportion: Hashable, Sendable {
    public var successes: Int
    public var total: Int
    public var share: Double { Double(successes) / Double(total) }
  }

  /// `compare 98/584 16/136`.
  public init(
    _ successes1: Int, of total1: Int, _ successes2: Int, of total2: Int,
    alpha: Double = 0.05, confidence: Double = 0.95
  ) throws(Diagnostic) {
    for (s, n) in [(successes1, total1), (successes2, total2)] {
      guard n > 0 else {
        throw Diagnostic.error(.invalidCounts, "a group has no rows (\(s)/\(n)): a share needs at least one")
      }
      guard s >= 0 else { throw Diagnostic.error(.invalidCounts, "a count cannot be negative (\(s)/\(n))") }
      guard s <= n else {
        throw Diagnostic.error(
          .invalidCounts,
          "\(s) of \(n) is more than all of them: the count meeting the condition must be at most the group's size")
      }
    }
    first = Proportion(successes: successes1, total: total1)
    second = Proportion(successes: successes2, total: total2)
    self.confidence = confidence
    let p1 = first.share, p2 = second.share
    let n1 = Double(total1), n2 = Double(total2)
    difference = p1 - p2
    let pooled = Double(successes1 + successes2) / (n1 + n2)
    let se0 = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
    z = se0 > 0 ? difference / se0 : 0
    pValue = se0 > 0 ? 2 * NormalDistribution.survival(abs(z)) : 1
    let se = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot()
    let zc = NormalDistribution.upperQuantile((1 - confidence) / 2)
    differenceInterval = (difference - zc * se)...(difference + zc * se)
    fisher = FisherExactTest([[successes1, total1 - successes1], [successes2, total2 - successes2]])
    let expected = [pooled * n1, (1 - pooled) * n1, pooled * n2, (1 - pooled) * n2]
    usesFisher = expected.contains(where: { $0 < 5 })
    verdict = Verdict(
      pValue: usesFisher ? fisher.pValue : pValue, alpha: alpha, subject: "a difference this large",
      significant: "a real difference")
    warnings =
      usesFisher
      ? [
        Diagnostic(
          .approximateTest,
          "an expected count is below 5: the z test's normal approximation is rough, so the verdict reads Fisher's exact test (p = \(NumberFormat.compact(fisher.pValue)))"
        )
      ]
      : []
  }
}
