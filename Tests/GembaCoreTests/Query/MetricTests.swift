import Testing
@testable import GembaCore

@Suite struct MetricTests {
  @Test(arguments: [(3.4, 6.0), (233, 5.0), (6210, 4.0), (66807, 3.0), (308538, 2.0)])
  func dpmoSigmaTable(_ dpmo: Double, _ sigma: Double) throws {
    // The classic table with the 1.5σ shift: 3.4 DPMO is six sigma.
    let m = try Metric.dpmo(defects: Int(dpmo * 10), units: 10_000_000, opportunities: 1)
    #expect(abs(m.dpmo - dpmo) < 1e-6)
    #expect(abs(m.sigmaLevel! - sigma) < 0.01)
  }

  @Test func dpmoWithOpportunities() throws {
    let m = try Metric.dpmo(defects: 12, units: 1000, opportunities: 5)
    #expect(m.dpmo == 2400)
    #expect(abs(m.yield - 0.9976) < 1e-12)
    #expect(try Metric.dpmo(defects: 0, units: 10, opportunities: 1).sigmaLevel == nil)
    #expect(throws: Diagnostic.self) { try Metric.dpmo(defects: 1, units: 0, opportunities: 1) }
    #expect(throws: Diagnostic.self) { try Metric.dpmo(defects: 11, units: 10, opportunities: 1) }
  }

  @Test func yields() throws {
    #expect(try Metric.firstPassYield(units: 500, good: 460).yield == 0.92)
    let rty = try Metric.rolledThroughputYield([0.9, 0.8, 0.5])
    #expect(abs(rty.yield - 0.36) < 1e-12)
    #expect(throws: Diagnostic.self) { try Metric.rolledThroughputYield([1.2]) }
    #expect(Metric.parseYield("98%") == 0.98)
    #expect(Metric.parseYield("0.98") == 0.98)
    #expect(Metric.parseYield("98") == 0.98)
    #expect(Metric.parseYield("x") == nil)
  }

  @Test func costOfQuality() throws {
    let c = try Metric.costOfQuality(
      prevention: 2000, appraisal: 5000, internalFailure: 12000, externalFailure: 31000, revenue: 1_000_000)
    #expect(c.total == 50000 && c.conformance == 7000 && c.nonConformance == 43000)
    let text = EvidenceTextRenderer().metric(.costOfQuality(c))
    #expect(text.hasPrefix("cost of quality 50,000.00 · 5.0 % of revenue\n"))
    #expect(text.contains("external failure      31,000.00    62.0 %"))
  }

  @Test func renderedDPMO() throws {
    let text = EvidenceTextRenderer().metric(.dpmo(try Metric.dpmo(defects: 12, units: 1000, opportunities: 5)))
    #expect(
      text
        == "DPMO 2,400 · sigma level 4.32 (short term, 1.5σ shift) · yield 99.7600 %\n  12 defects / (1,000 units × 5 opportunities)\n"
    )
  }
}
