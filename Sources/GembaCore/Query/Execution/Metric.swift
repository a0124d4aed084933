import Foundation

/// Quality KPIs from counts: DPMO with sigma level, first-pass yield, rolled throughput yield,
/// cost of quality. Pure functions; `EvidenceTextRenderer.metric(_:)` prints them.
public enum Metric {
  /// Defects per million opportunities, and the short-term sigma level (with the 1.5σ shift).
  public struct DPMO: Hashable, Sendable {
    public var defects: Int, units: Int, opportunities: Int
    public var defectsPerOpportunity: Double
    public var dpmo: Double
    /// 1 − DPO.
    public var yield: Double
    /// Φ⁻¹(yield) + 1.5; nil when there are no defects (unbounded).
    public var sigmaLevel: Double?
  }

  public struct Yield: Hashable, Sendable {
    /// The steps' yields (one for first-pass yield).
    public var steps: [Double]
    public var yield: Double
  }

  public struct CostOfQuality: Hashable, Sendable {
    public var prevention: Double, appraisal: Double, internalFailure: Double, externalFailure: Double
    public var total: Double { prevention + appraisal + internalFailure + externalFailure }
    /// Prevention and appraisal: the cost of good quality.
    public var conformance: Double { prevention + appraisal }
    /// Internal and external failure: the cost of poor quality.
    public var nonConformance: Double { internalFailure + externalFailure }
    public var revenue: Double?
  }

  public enum Result: Hashable, Sendable {
    case dpmo(DPMO)
    case firstPassYield(Yield, units: Int, good: Int)
    case rolledThroughputYield(Yield)
    case costOfQuality(CostOfQuality)
  }

  public static func dpmo(defects: Int, units: Int, opportunities: Int = 1) throws(Diagnostic) -> DPMO {
    guard units > 0, opportunities > 0 else {
      throw Diagnostic.error(
        .invalidMetricInput, "`metric dpmo` needs --units and --opportunities above zero",
        notes: ["e.g. metric dpmo --defects 12 --units 1000 --opportunities 5"])
    }
    let possible = Double(units) * Double(opportunities)
    guard defects >= 0, Double(defects) <= possible else {
      throw Diagnostic.error(
        .invalidMetricInput, "--defects must be between 0 and units × opportunities (\(NumberFormat.compact(possible)))"
      )
    }
    let dpo = Double(defects) / possible
    let sigma: Double? = defects == 0 ? nil : NormalDistribution.inverseNormal(1 - dpo) + 1.5
    return DPMO(
      defects: defects, units: units, opportunities: opportunities, defectsPerOpportunity: dpo,
      dpmo: dpo * 1_000_000, yield: 1 - dpo, sigmaLevel: sigma)
  }

  /// Units right the first time, without rework or scrap, over units started.
  public static func firstPassYield(units: Int, good: Int) throws(Diagnostic) -> Yield {
    guard units > 0, good >= 0, good <= units else {
      throw Diagnostic.error(
        .invalidMetricInput, "`metric fpy` needs --units above zero and --good between 0 and --units",
        notes: ["e.g. metric fpy --units 500 --good 460"])
    }
    let y = Double(good) / Double(units)
    return Yield(steps: [y], yield: y)
  }

  /// The product of the steps' first-pass yields (each a fraction in 0…1).
  public static func rolledThroughputYield(_ steps: [Double]) throws(Diagnostic) -> Yield {
    guard !steps.isEmpty, steps.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
      throw Diagnostic.error(
        .invalidMetricInput, "`metric rty` needs step yields between 0 and 1 (or 0 % and 100 %)",
        notes: ["e.g. metric rty --yields 0.98,0.95,99%"])
    }
    return Yield(steps: steps, yield: steps.reduce(1, *))
  }

  /// A yield typed as `0.98`, `98%` or `98` (read as a percentage when above 1).
  public static func parseYield(_ text: String) -> Double? {
    var t = HeaderNames.trim(text)
    var percent = false
    if t.hasSuffix("%") { t.removeLast(); percent = true }
    guard let v = ValueParser.decimal(HeaderNames.trim(t)) else { return nil }
    return percent || v > 1 ? v / 100 : v
  }

  public static func costOfQuality(
    prevention: Double, appraisal: Double, internalFailure: Double,
    externalFailure: Double, revenue: Double? = nil
  ) throws(Diagnostic) -> CostOfQuality {
    guard [prevention, appraisal, internalFailure, externalFailure].allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw Diagnostic.error(
        .invalidMetricInput, "`metric coq` costs must be zero or more",
        notes: ["e.g. metric coq --prevention 2000 --appraisal 5000 --internal 12000 --external 30000"])
    }
    return CostOfQuality(
      prevention: prevention, appraisal: appraisal, internalFailure: internalFailure,
      externalFailure: externalFailure, revenue: revenue.flatMap { $0 > 0 ? $0 : nil })
  }

}
