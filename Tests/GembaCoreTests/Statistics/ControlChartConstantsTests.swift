import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// The published table is self-consistent, and its d₂, d₃ and c₄ agree with scipy's quadrature.
@Suite struct ControlChartConstantsTests {
  @Test func tableIsConsistentWithItsDefinitions() {
    #expect(ControlChartConstants.table.map(\.n) == Array(2...25))
    for row in ControlChartConstants.table {
      let n = Double(row.n)
      let c4 = ControlChartConstants.c4(row.n), d3 = ControlChartConstants.d3(row.n)
      #expect(abs(c4 - row.c4) <= 0.00005, "c₄(\(row.n))")
      // 0.0006: the tables print 0.734 for n = 19, where d₃ = 0.73349.
      #expect(abs(d3 - row.d3) <= 0.0006, "d₃(\(row.n)) = \(d3), table \(row.d3)")
      #expect(abs(ControlChartConstants.integratedD2(row.n) - row.d2) <= 0.0005, "d₂(\(row.n))")
      #expect(abs(3 / (row.d2 * n.squareRoot()) - row.a2) <= 0.0011, "A₂(\(row.n))")
      #expect(abs(3 / (c4 * n.squareRoot()) - row.a3) <= 0.0011, "A₃(\(row.n))")
      #expect(abs(1 + 3 * d3 / row.d2 - row.d4Factor) <= 0.0011, "D₄(\(row.n))")
      #expect(abs(max(0, 1 - 3 * d3 / row.d2) - row.d3Factor) <= 0.0011, "D₃(\(row.n))")
      #expect(abs(1 + 3 * (1 - c4 * c4).squareRoot() / c4 - row.b4) <= 0.0011, "B₄(\(row.n))")
      #expect(abs(max(0, 1 - 3 * (1 - c4 * c4).squareRoot() / c4) - row.b3) <= 0.0011, "B₃(\(row.n))")
    }
  }

  @Test func d3IsTheQuadratureItsTableWasPrintedFrom() {
    // Equal to the bit where the table was printed (glibc's libm); another libm may move the last bits.
    for n in 2...25 {
      let computed = ControlChartConstants.integratedD3(n)
      #expect(abs(ControlChartConstants.d3(n) - computed) <= 2 * computed.ulp, "d₃(\(n))")
    }
    #expect(ControlChartConstants.d3(30) == ControlChartConstants.integratedD3(30))
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: SciPy.available),
      "needs python3 with scipy and numpy (python3 -m pip install scipy numpy)"))
  func quadratureAgreesWithSciPy() throws {
    let sizes = [2, 5, 10, 25]
    let expected = try SciPy.run(
      """
      from scipy import integrate
      F = stats.norm.cdf
      out = {}
      for n in data:
          d2 = integrate.quad(lambda x: 1 - F(x) ** n - stats.norm.sf(x) ** n, -np.inf, np.inf, epsabs=1e-13)[0]
          w2 = 2 * integrate.dblquad(lambda y, x: 1 - stats.norm.sf(x) ** n - F(y) ** n + (F(y) - F(x)) ** n,
                                     -10, 10, lambda x: x, lambda x: 10, epsabs=1e-12)[0]
          out[str(n)] = [d2, math.sqrt(w2 - d2 * d2), math.sqrt(2 / (n - 1)) * math.exp(special.gammaln(n / 2) - special.gammaln((n - 1) / 2))]
      """, input: sizes)
    var agreement = Agreement("control chart constants")
    for n in sizes {
      let e = expected.numbers(String(n))
      agreement.check(ControlChartConstants.integratedD2(n), e[0], "d₂(\(n))", tolerance: 1e-10)
      agreement.check(ControlChartConstants.d3(n), e[1], "d₃(\(n))", tolerance: 1e-7)
      agreement.check(ControlChartConstants.c4(n), e[2], "c₄(\(n))", tolerance: 1e-13)
    }
    agreement.report()
  }
}
