import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// The distributions and special functions against scipy.special / scipy.stats, evaluated at test time.
@Suite(
  .enabled(
    if: ExternalProgram.runs(needing: SciPy.available),
    "needs python3 with scipy and numpy (python3 -m pip install scipy numpy)"))
struct DistributionTests {
  static let z: [Double] = [-38, -12, -8.5, -5, -3, -1.96, -1, -0.3, 0, 0.25, 1, 1.645, 2.5, 4, 7, 9]
  static let p: [Double] = [
    1e-300, 1e-100, 1e-20, 1e-9, 1e-4, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.95, 0.975, 0.999, 1 - 1e-9,
  ]

  @Test func normal() throws {
    let expected = try SciPy.run(
      """
      out = {'cdf': stats.norm.cdf(data['z']), 'sf': stats.norm.sf(data['z']),
             'ppf': stats.norm.ppf(data['p']), 'isf': stats.norm.isf(data['p'])}
      """, input: ["z": Self.z, "p": Self.p])
    var agreement = Agreement("normal")
    for (i, z) in Self.z.enumerated() {
      agreement.check(NormalDistribution.cdf(z), expected.numbers("cdf")[i], "Φ(\(z))", tolerance: 1e-13)
      agreement.check(NormalDistribution.survival(z), expected.numbers("sf")[i], "1 − Φ(\(z))", tolerance: 1e-13)
    }
    for (i, p) in Self.p.enumerated() {
      agreement.check(NormalDistribution.quantile(p), expected.numbers("ppf")[i], "Φ⁻¹(\(p))", tolerance: 1e-13)
      agreement.check(
        NormalDistribution.upperQuantile(p), expected.numbers("isf")[i], "upper quantile \(p)", tolerance: 1e-13)
    }
    agreement.report()
  }

  @Test func gammaAndBeta() throws {
    let a: [Double] = [0.5, 1, 2.5, 7, 30, 120, 1000]
    let x: [Double] = [0.01, 0.4, 1, 2.5, 6, 25, 110, 1200]
    let bx: [Double] = [1e-6, 0.01, 0.2, 0.5, 0.77, 0.95, 0.9999]
    let expected = try SciPy.run(
      """
      a = np.array(data['a']); x = np.array(data['x']); bx = np.array(data['bx'])
      out = {'lgamma': special.gammaln(a),
             'P': special.gammainc(a[:, None], x[None, :]), 'Q': special.gammaincc(a[:, None], x[None, :]),
             'I': [special.betainc(a[i], a[j], bx).tolist() for i in range(len(a)) for j in range(len(a))]}
      """, input: ["a": a, "x": x, "bx": bx])
    var agreement = Agreement("special functions")
    for (i, ai) in a.enumerated() {
      agreement.check(
        SpecialFunctions.logGamma(ai), expected.numbers("lgamma")[i], "lnΓ(\(ai))", tolerance: 1e-14, floor: 1)
      for (j, xj) in x.enumerated() {
        // Values under 1e-290 are below what either side claims to resolve.
        agreement.check(
          SpecialFunctions.regularizedGammaP(ai, xj), expected.table("P")[i][j], "P(\(ai), \(xj))", tolerance: 1e-12,
          floor: 1e-290)
        agreement.check(
          SpecialFunctions.regularizedGammaQ(ai, xj), expected.table("Q")[i][j], "Q(\(ai), \(xj))", tolerance: 1e-12,
          floor: 1e-290)
      }
    }
    let betas = expected.table("I")
    for (i, ai) in a.enumerated() {
      for (j, bj) in a.enumerated() {
        for (k, xk) in bx.enumerated() {
          agreement.check(
            SpecialFunctions.regularizedBeta(xk, ai, bj), betas[i * a.count + j][k], "I(\(xk); \(ai), \(bj))",
            tolerance: 1e-11, floor: 1e-290)
        }
      }
    }
    agreement.report()
  }

  @Test func studentChiSquareAndF() throws {
    let df: [Double] = [1, 2.5, 4, 9.7, 30, 200]
    let t: [Double] = [-40, -6, -2.1, -0.5, 0, 0.8, 1.96, 3.3, 12]
    let x: [Double] = [0.001, 0.3, 1, 3.84, 10, 45, 300]
    let q: [Double] = [0.0005, 0.025, 0.2, 0.5, 0.9, 0.975, 0.9995]
    let expected = try SciPy.run(
      """
      df = np.array(data['df']); t = np.array(data['t']); x = np.array(data['x']); q = np.array(data['q'])
      out = {'tcdf': stats.t.cdf(t[None, :], df[:, None]), 'tppf': stats.t.ppf(q[None, :], df[:, None]),
             'csf': stats.chi2.sf(x[None, :], df[:, None]), 'ccdf': stats.chi2.cdf(x[None, :], df[:, None]),
             'cppf': stats.chi2.ppf(q[None, :], df[:, None]),
             'fsf': [stats.f.sf(x, d1, d2).tolist() for d1 in df for d2 in df],
             'fcdf': [stats.f.cdf(x, d1, d2).tolist() for d1 in df for d2 in df]}
      """, input: ["df": df, "t": t, "x": x, "q": q])
    var agreement = Agreement("t, χ², F")
    for (i, d) in df.enumerated() {
      for (j, tj) in t.enumerated() {
        agreement.check(
          StudentT.cdf(tj, df: d), expected.table("tcdf")[i][j], "T(\(tj); \(d))", tolerance: 1e-11, floor: 1e-300)
      }
      for (j, qj) in q.enumerated() {
        agreement.check(
          StudentT.quantile(qj, df: d), expected.table("tppf")[i][j], "T⁻¹(\(qj); \(d))", tolerance: 1e-10, floor: 1e-12
        )
        agreement.check(
          ChiSquared.quantile(qj, df: d), expected.table("cppf")[i][j], "χ²⁻¹(\(qj); \(d))", tolerance: 1e-10)
      }
      for (j, xj) in x.enumerated() {
        agreement.check(
          ChiSquared.survival(xj, df: d), expected.table("csf")[i][j], "χ² sf(\(xj); \(d))", tolerance: 1e-11,
          floor: 1e-300)
        agreement.check(
          ChiSquared.cdf(xj, df: d), expected.table("ccdf")[i][j], "χ² cdf(\(xj); \(d))", tolerance: 1e-11,
          floor: 1e-300)
      }
      for (k, d2) in df.enumerated() {
        for (j, xj) in x.enumerated() {
          let row = i * df.count + k
          agreement.check(
            FDistribution.survival(xj, df1: d, df2: d2), expected.table("fsf")[row][j], "F sf(\(xj); \(d), \(d2))",
            tolerance: 1e-10, floor: 1e-300)
          agreement.check(
            FDistribution.cdf(xj, df1: d, df2: d2), expected.table("fcdf")[row][j], "F cdf(\(xj); \(d), \(d2))",
            tolerance: 1e-10, floor: 1e-300)
        }
      }
    }
    agreement.report()
  }

  @Test func hypergeometric() throws {
    let cases = [(720, 114, 584), (50, 10, 12), (1000, 500, 500), (20, 7, 5)]
    let expected = try SciPy.run(
      """
      out = {str(i): stats.hypergeom.pmf(np.arange(0, c[2] + 1), c[0], c[1], c[2]) for i, c in enumerate(data['cases'])}
      """, input: ["cases": cases.map { [$0.0, $0.1, $0.2] }])
    var agreement = Agreement("hypergeometric")
    for (i, c) in cases.enumerated() {
      let h = Hypergeometric(population: c.0, successes: c.1, draws: c.2)
      for (k, pmf) in expected.numbers(String(i)).enumerated() where pmf > 1e-280 {
        agreement.check(h.pmf(k), pmf, "pmf(\(k); \(c))", tolerance: 1e-10)
      }
    }
    agreement.report()
  }
}
