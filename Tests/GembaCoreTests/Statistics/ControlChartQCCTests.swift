import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Centre lines, limits and capability indices on qcc's data sets, against the figures qcc's
/// documentation prints: "A quick tour of qcc" (vignettes/qcc.Rmd, rendered as docs/articles/qcc.html
/// in github.com/luca-scr/qcc at commit af35099, qcc 3.0). qcc prints 7 significant digits.
@Suite(
  .enabled(
    if: ExternalProgram.runs(needing: QCCData.available),
    "../shared/conformance/qcc-data is not on this machine"))
struct ControlChartQCCTests {
  /// `actual` agrees with the printed `expected` to its last printed digit (relative 1e-6 unless told).
  static func agree(
    _ actual: Double, _ expected: Double, _ what: String, tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let error = abs(actual - expected) / max(abs(expected), 1e-12)
    #expect(error <= tolerance, "\(what): \(actual), qcc prints \(expected)", sourceLocation: sourceLocation)
  }

  static func constant(
    _ chart: ShewhartChart, center: Double, lower: Double, upper: Double, tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let p = chart.points[0]
    agree(p.center, center, "\(chart.kind.rawValue) centre", tolerance: tolerance, sourceLocation: sourceLocation)
    if lower == 0 {
      #expect(p.lower == 0, sourceLocation: sourceLocation)
    } else {
      agree(p.lower, lower, "\(chart.kind.rawValue) LCL", tolerance: tolerance, sourceLocation: sourceLocation)
    }
    agree(p.upper, upper, "\(chart.kind.rawValue) UCL", tolerance: tolerance, sourceLocation: sourceLocation)
  }

  @Test func pistonRingsXbarR() throws {
    let rings = try QCCData.pistonRings()
    // qcc(diameter[1:25,], type = "xbar", newdata = diameter[26:40,]): centre 74.00118,
    // standard deviation 0.009785039, LCL 73.98805, UCL 74.0143.
    let chart = try ControlCharts.xbarR(rings, phases: ChartPhases(baseline: 0..<25))
    Self.constant(chart.location, center: 74.00118, lower: 73.98805, upper: 74.0143)
    Self.agree(chart.location.stages[0].sigma!, 0.009785039, "σ = R̄/d₂")
    #expect(chart.location.points.count == 40 && chart.location.points.filter(\.inBaseline).count == 25)
    // qcc(diameter[1:25,], type = "R"): centre 0.02276, LCL 0, UCL 0.04812533. gemba's d₃ is the
    // published three-decimal figure (qcc integrates it), so the UCL agrees to 1e-4 relative:
    // 0.000005 mm on data read to 0.001 mm.
    Self.constant(chart.spread, center: 0.02276, lower: 0, upper: 0.04812533, tolerance: 1e-4)
    // Samples 37-39 of phase II are out of control in qcc's plot (beyond the UCL).
    #expect(Set(chart.location.signals.filter { $0.rule == 1 }.map(\.point)).isSuperset(of: [36, 37, 38]))
    #expect(chart.location.signals.allSatisfy { $0.point >= 25 || $0.rule != 1 })
  }

  @Test func pistonRingsXbarS() throws {
    let rings = try QCCData.pistonRings()
    // qcc(diameter[1:25,], type = "S"): centre 0.009240037, standard deviation 0.009829977, UCL 0.01930242.
    let chart = try ControlCharts.xbarS(Array(rings[0..<25]))
    Self.constant(chart.spread, center: 0.009240037, lower: 0, upper: 0.01930242)
    Self.agree(chart.location.stages[0].sigma!, 0.009829977, "σ = S̄/c₄")
    Self.agree(chart.location.points[0].center, 74.00118, "x̄̄")
  }

  @Test func pistonRingsCapability() throws {
    let rings = Array(try QCCData.pistonRings()[0..<25])
    // processCapability(q, spec.limits = c(73.95, 74.05)): Cp 1.70 [1.49, 1.91], Cp_l 1.74,
    // Cp_u 1.66, Cp_k 1.66 [1.45, 1.88], Cpm 1.69 [1.48, 1.90]; 0 % expected and observed outside.
    let study = try CapabilityStudy(subgroups: rings, lowerSpec: 73.95, upperSpec: 74.05)
    #expect(study.count == 125)
    Self.agree(study.mean, 74.00118, "centre")
    Self.agree(study.withinSigma, 0.009785039, "σ within")
    func printed(
      _ actual: Double, _ expected: Double, places: Int, _ what: String,
      sourceLocation: SourceLocation = #_sourceLocation
    ) {
      #expect(
        NumberFormat.decimal(actual, places: places) == NumberFormat.decimal(expected, places: places),
        "\(what): \(actual), qcc prints \(expected)", sourceLocation: sourceLocation)
    }
    printed(study.cp!.value, 1.70, places: 2, "Cp")
    printed(study.cp!.interval.lowerBound, 1.49, places: 2, "Cp 2.5 %")
    printed(study.cp!.interval.upperBound, 1.91, places: 2, "Cp 97.5 %")
    printed(study.cpl!.value, 1.74, places: 2, "Cpl")
    printed(study.cpu!.value, 1.66, places: 2, "Cpu")
    printed(study.cpk.value, 1.66, places: 2, "Cpk")
    printed(study.cpk.interval.lowerBound, 1.45, places: 2, "Cpk 2.5 %")
    printed(study.cpk.interval.upperBound, 1.88, places: 2, "Cpk 97.5 %")
    printed(study.cpm!.value, 1.69, places: 2, "Cpm")
    printed(study.cpm!.interval.lowerBound, 1.48, places: 2, "Cpm 2.5 %")
    printed(study.cpm!.interval.upperBound, 1.90, places: 2, "Cpm 97.5 %")
    #expect(study.observed.total == 0 && study.expectedWithin.total < 100)  // qcc: "0%" (it rounds below 0.01 %)
    #expect(study.inControl && !study.warnings.contains { $0.code == .notInControl })
    // All 40 samples: the later samples drifted (qcc's phase II plot), so the indices do not predict.
    let drifted = try CapabilityStudy(subgroups: try QCCData.pistonRings(), lowerSpec: 73.95, upperSpec: 74.05)
    #expect(!drifted.inControl && drifted.outOfControl.allSatisfy { $0.point >= 25 })
    #expect(
      drifted.warnings.contains {
        $0.code == .notInControl && $0.notes == ["find and remove the special causes first (spc --chart xbar-r)"]
      })

    // target = 74.02: Cp 1.703 [1.491, 1.915], Cp_k 1.663 [1.448, 1.878], Cpm 0.786 [0.656, 0.915].
    let targeted = try CapabilityStudy(subgroups: rings, lowerSpec: 73.95, upperSpec: 74.05, target: 74.02)
    printed(targeted.cp!.interval.lowerBound, 1.491, places: 3, "Cp 2.5 %")
    printed(targeted.cp!.interval.upperBound, 1.915, places: 3, "Cp 97.5 %")
    printed(targeted.cpk.value, 1.663, places: 3, "Cpk")
    printed(targeted.cpk.interval.lowerBound, 1.448, places: 3, "Cpk 2.5 %")
    printed(targeted.cpk.interval.upperBound, 1.878, places: 3, "Cpk 97.5 %")
    printed(targeted.cpm!.value, 0.786, places: 3, "Cpm")
    printed(targeted.cpm!.interval.lowerBound, 0.656, places: 3, "Cpm 2.5 %")
    printed(targeted.cpm!.interval.upperBound, 0.915, places: 3, "Cpm 97.5 %")

    // spec.limits = c(73.99, 74.01): Cp 0.341 [0.298, 0.383], Cp_k 0.301 [0.231, 0.370], Cpm 0.338;
    // Exp<LSL 13 %, Obs<LSL 12 %, Exp>USL 18 %, Obs>USL 16 %.
    let tight = try CapabilityStudy(subgroups: rings, lowerSpec: 73.99, upperSpec: 74.01)
    printed(tight.cp!.value, 0.341, places: 3, "Cp")
    printed(tight.cp!.interval.lowerBound, 0.298, places: 3, "Cp 2.5 %")
    printed(tight.cp!.interval.upperBound, 0.383, places: 3, "Cp 97.5 %")
    printed(tight.cpk.value, 0.301, places: 3, "Cpk")
    printed(tight.cpk.interval.lowerBound, 0.231, places: 3, "Cpk 2.5 %")
    printed(tight.cpk.interval.upperBound, 0.370, places: 3, "Cpk 97.5 %")
    printed(tight.cpm!.value, 0.338, places: 3, "Cpm")
    printed(tight.expectedWithin.below! / 10_000, 13, places: 0, "Exp<LSL %")
    printed(tight.observed.below! / 10_000, 12, places: 0, "Obs<LSL %")
    printed(tight.expectedWithin.above! / 10_000, 18, places: 0, "Exp>USL %")
    printed(tight.observed.above! / 10_000, 16, places: 0, "Obs>USL %")

    // spec.limits = c(73.99, 74.1): target 74.045 (the middle), Cp 1.874, Cp_u 3.367, Cp_k 0.381
    // [0.305, 0.456], Cpm 0.408.
    let offCentre = try CapabilityStudy(subgroups: rings, lowerSpec: 73.99, upperSpec: 74.1)
    Self.agree(offCentre.target!, 74.045, "target")
    printed(offCentre.cp!.value, 1.874, places: 3, "Cp")
    printed(offCentre.cpu!.value, 3.367, places: 3, "Cpu")
    printed(offCentre.cpk.value, 0.381, places: 3, "Cpk")
    printed(offCentre.cpk.interval.lowerBound, 0.305, places: 3, "Cpk 2.5 %")
    printed(offCentre.cpk.interval.upperBound, 0.456, places: 3, "Cpk 97.5 %")
    printed(offCentre.cpm!.value, 0.408, places: 3, "Cpm")
  }

  @Test func orangeJuicePAndNp() throws {
    let juice = try QCCData("orangejuice")
    let trial = juice.flags("trial"), d = juice.integers("D"), n = juice.integers("size")
    let first = trial.indices.filter { trial[$0] }
    // qcc(D[trial], sizes = size[trial], type = "p"): centre 0.2313333, LCL 0.05242755, UCL 0.4102391.
    let p = try ControlCharts.p(defectives: first.map { d[$0] }, sizes: first.map { n[$0] })
    Self.constant(p, center: 0.2313333, lower: 0.05242755, upper: 0.4102391)
    // type = "np": centre 11.56667, LCL 2.621377, UCL 20.51196.
    let np = try ControlCharts.np(defectives: first.map { d[$0] }, sizes: first.map { n[$0] })
    Self.constant(np, center: 11.56667, lower: 2.621377, upper: 20.51196)
    // Samples 15 and 23 are beyond the UCL in qcc's plot (and help(orangejuice) says why).
    #expect(Set(p.signals.filter { $0.rule == 1 }.map(\.point)) == [14, 22])
    #expect(p.rules == .attributeDefault)

    // Without 15 and 23, the trial samples as phase I and the rest as phase II: centre 0.215,
    // LCL 0.04070284, UCL 0.3892972.
    let kept = first.filter { $0 != 14 && $0 != 22 }, later = trial.indices.filter { !trial[$0] }
    let phased = try ControlCharts.p(
      defectives: (kept + later).map { d[$0] }, sizes: (kept + later).map { n[$0] },
      phases: ChartPhases(baseline: 0..<kept.count))
    Self.constant(phased, center: 0.215, lower: 0.04070284, upper: 0.3892972)
    #expect(phased.points.count == 52 && !phased.limitsVary)
  }

  @Test func orangeJuiceBeforeAndAfter() throws {
    let before = try QCCData("orangejuice"), after = try QCCData("orangejuice2")
    let b = before.flags("trial").indices.filter { before.flags("trial")[$0] }
    // orangejuice2: qcc(D[trial], sizes = size[trial], type = "p", newdata = D[!trial], …):
    // centre 0.1108333, LCL 0, UCL 0.2440207, from its 24 trial samples applied to all 64.
    let a2 = try ControlCharts.p(
      defectives: after.integers("D"), sizes: after.integers("size"), phases: ChartPhases(baseline: 0..<24))
    Self.constant(a2, center: 0.1108333, lower: 0, upper: 0.2440207)
    // The two as stages of one chart: each keeps its own limits (the first as printed above).
    let defectives = b.map { before.integers("D")[$0] } + Array(after.integers("D")[0..<24])
    let sizes = b.map { before.integers("size")[$0] } + Array(after.integers("size")[0..<24])
    let stages = Array(repeating: "before", count: b.count) + Array(repeating: "after", count: 24)
    let staged = try ControlCharts.p(defectives: defectives, sizes: sizes, phases: ChartPhases(stages: stages))
    #expect(staged.stages.map(\.label) == ["before", "after"])
    Self.agree(staged.points[0].upper, 0.4102391, "before UCL")
    Self.agree(staged.points[b.count].center, 0.1108333, "after centre")
    Self.agree(staged.points[b.count].upper, 0.2440207, "after UCL")
  }

  @Test func circuitCAndU() throws {
    let circuit = try QCCData("circuit")
    let trial = circuit.flags("trial"), x = circuit.integers("x"), size = circuit.numbers("size")
    let first = trial.indices.filter { trial[$0] }
    // qcc(x[trial], sizes = size[trial], type = "c"): centre 19.84615, LCL 6.481447, UCL 33.21086.
    let c = try ControlCharts.c(defects: first.map { x[$0] })
    Self.constant(c, center: 19.84615, lower: 6.481447, upper: 33.21086)
    // Samples 6 and 20 signal in qcc's plot (6 above, 20 below the limits).
    #expect(Set(c.signals.filter { $0.rule == 1 }.map(\.point)) == [5, 19])
    // Without 6 and 20 as phase I, the rest as phase II: c centre 19.66667, LCL 6.362532, UCL 32.9708;
    // u (per board, sizes 100): centre 0.1966667, LCL 0.06362532, UCL 0.329708.
    let kept = first.filter { $0 != 5 && $0 != 19 }, later = trial.indices.filter { !trial[$0] }
    let rows = kept + later
    let phased = try ControlCharts.c(defects: rows.map { x[$0] }, phases: ChartPhases(baseline: 0..<kept.count))
    Self.constant(phased, center: 19.66667, lower: 6.362532, upper: 32.9708)
    let u = try ControlCharts.u(
      defects: rows.map { x[$0] }, sizes: rows.map { size[$0] }, phases: ChartPhases(baseline: 0..<kept.count))
    Self.constant(u, center: 0.1966667, lower: 0.06362532, upper: 0.329708)
  }

  @Test func pcManufactU() throws {
    let pc = try QCCData("pcmanufact")
    // qcc(x, sizes = size, type = "u"): centre 1.93, LCL 0.06613305, UCL 3.793867.
    let u = try ControlCharts.u(defects: pc.integers("x"), sizes: pc.numbers("size"))
    Self.constant(u, center: 1.93, lower: 0.06613305, upper: 3.793867)
    #expect(u.warnings.isEmpty)
  }

  @Test func viscosityIndividuals() throws {
    let v = try QCCData("viscosity")
    let trial = v.flags("trial"), values = v.numbers("viscosity")
    // qcc(viscosity[trial], type = "xbar.one"): centre 34.088, σ 0.5076521, LCL 32.56504, UCL 35.61096.
    let first = trial.indices.filter { trial[$0] }.map { values[$0] }
    let chart = try ControlCharts.individuals(first)
    // qcc divides MR̄ by the published d₂ = 1.128; gemba by the exact 2/√π (one set of constants
    // for every individuals chart), so qcc's σ is rescaled by 1.128/d₂ and the limits rebuilt.
    let rescale = 1.128 / ControlChartConstants.movingRangeD2
    Self.constant(
      chart.location, center: 34.088, lower: 34.088 - 3 * 0.5076521 * rescale, upper: 34.088 + 3 * 0.5076521 * rescale)
    Self.agree(chart.location.stages[0].sigma!, 0.5076521 * rescale, "σ = MR̄/d₂")
    // Without batch 4 as phase I (19 batches), the rest as phase II: centre 33.98947, σ 0.4117415,
    // LCL 32.75425, UCL 35.2247.
    var rest = values
    rest.remove(at: 3)
    let phased = try ControlCharts.individuals(rest, phases: ChartPhases(baseline: 0..<19))
    Self.constant(
      phased.location, center: 33.98947, lower: 33.98947 - 3 * 0.4117415 * rescale,
      upper: 33.98947 + 3 * 0.4117415 * rescale)
    Self.agree(phased.location.stages[0].sigma!, 0.4117415 * rescale, "σ = MR̄/d₂")
    #expect(phased.location.warnings.count == 1)  // 19 points: provisional limits
    #expect(phased.spread.points.count == rest.count - 1)
  }
}
