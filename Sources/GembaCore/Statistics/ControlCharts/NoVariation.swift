/// Data with no variation to chart or study: every value the same, or every sample without a
/// defect. Limits would be a single line that flags every wobble of the last digit, so the answer
/// is a plain sentence instead of a chart ("all 25 values are 3.2: no variation to chart").
public struct NoVariation: Hashable, Sendable {
  /// How many values (or samples) there are.
  public var count: Int
  /// The one value they all share (a share of defectives: 0 or 1).
  public var value: Double
  public enum Kind: Hashable, Sendable {
    /// Measurements (I-MR, X̄-R, X̄-S, run charts, capability).
    case values
    /// Samples of a p, np, c, u or Laney chart, every one with no defect (value 0) or, for
    /// defectives, every item defective (value 1).
    case samples(defectives: Bool)
  }
  public var kind: Kind

  public init(count: Int, value: Double, kind: Kind) {
    self.count = count
    self.value = value
    self.kind = kind
  }

  /// The values, when they are 2 or more and all equal (the same bits, so −0 and 0 differ not).
  public static func among(_ values: some Collection<Double>) -> NoVariation? {
    guard values.count >= 2, let first = values.first, values.allSatisfy({ $0 == first }) else { return nil }
    return NoVariation(count: values.count, value: first, kind: .values)
  }

  /// "all 25 values are 3.2: no variation to chart" (`what`: chart, study).
  public func sentence(_ what: String = "chart") -> String {
    // The value as held, shortest form that reads back to it (3.2, 8e-10, 12).
    let shown = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    switch kind {
    case .values:
      return "all \(NumberFormat.integer(count)) values are \(shown): no variation to \(what)"
    case .samples(let defectives):
      if value == 0 {
        return
          "all \(NumberFormat.integer(count)) samples have 0 \(defectives ? "defectives" : "defects"): no variation to \(what)"
      }
      return "every item in all \(NumberFormat.integer(count)) samples is defective: no variation to \(what)"
    }
  }
}
