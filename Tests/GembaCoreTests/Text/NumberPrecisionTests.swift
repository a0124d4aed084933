import Foundation
import GembaCore
import GembaTestSupport
import Testing

@Suite("Numbers shown to the precision they carry")
struct NumberPrecisionTests {
  @Test(
    "significant digits match Python's %#.3g and %.2e on random magnitudes",
    .enabled(
      if: ExternalProgram.runs(needing: SciPy.available),
      "needs python3 with scipy and numpy (python3 -m pip install scipy numpy)"))
  func matchesPython() throws {
    var random = SplitMix64.forTest()
    // Values away from rounding ties (Python rounds the binary value, gemba half away from zero).
    var values: [Double] = []
    while values.count < 400 {
      let exponent = Double.random(in: -9...14, using: &random)
      let x = (Bool.random(using: &random) ? 1 : -1) * pow(10, exponent)
      let scaled = abs(x) / pow(10, floor(log10(abs(x))) - 2)
      // Python switches 999.7 to 1.00e+03; gemba keeps fixed notation up to 1e15.
      if abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 && abs(x) < 999 { values.append(x) }
    }
    let out = try SciPy.run(
      """
      out = {'g': [('%#.3g' % x).rstrip('.') if 1e-4 <= abs(x) < 1e3 else ('%.2e' % x) if abs(x) < 1e-4 or abs(x) >= 1e15 else '' for x in data]}
      """, input: values)
    let expected = out["g"] as? [String] ?? []
    #expect(expected.count == values.count)
    for (x, python) in zip(values, expected) where !python.isEmpty {
      #expect(NumberFormat.significant(x, grouped: false) == python, "x = \(x)")
    }
  }

  @Test("figures read together print apart when they differ (the issue's XmR limits 0.0210/0.0246/0.0174)")
  func distinguishes() {
    #expect(NumberFormat.distinguished([0.021, 0.0246, 0.0174]) == ["0.0210", "0.0246", "0.0174"])
    #expect(NumberFormat.distinguished([6.1e-5, 6.1001e-5, 0]) == ["6.1000e-05", "6.1001e-05", "0"])
    #expect(NumberFormat.distinguished([10.0001, 10.0002]) == ["10.0001", "10.0002"])
    #expect(NumberFormat.distinguished([3.2, 3.2]) == ["3.20", "3.20"])
    #expect(NumberFormat.significant(15_501.3) == "15,501")
    #expect(NumberFormat.significant(9.9996) == "10.0")
    #expect(NumberFormat.significant(0.0099952) == "0.0100")
    #expect(NumberFormat.scientific(9.9996e-5) == "1.00e-04")
  }

  @Test("a share shows three significant digits, in ppm under 0.1 %")
  func shares() {
    #expect(NumberFormat.share(40.0 / 1_000_000) == "40.0 ppm")
    #expect(NumberFormat.share(0.583) == "58.3 %")
    #expect(NumberFormat.share(1) == "100.0 %")
    #expect(NumberFormat.share(0) == "0.0 %")
    #expect(NumberFormat.share(0.0012) == "0.120 %")
  }
}
