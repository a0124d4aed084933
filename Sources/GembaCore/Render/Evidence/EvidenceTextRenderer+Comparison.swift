extension EvidenceTextRenderer {
  /// `compare`: the groups' figures, the test's statistics, then the verdict in plain words.
  func comparison(_ c: GroupComparison) -> String {
    let u = options.unicode
    func p(_ x: Double) -> String { Self.pValue(x) }
    // A measure's figures one decimal past the data's, unless that shows none of their digits.
    let m = Self.atDataPrecision(places: c.precision + 1)
    var out = "compare \(c.title): \(c.method)\n"
    switch c.test {
    case .proportions(let t):
      let rows = [(c.groups[0], t.first), (c.groups[1], t.second)].map { name, share in
        [
          name, NumberFormat.integer(share.successes), NumberFormat.integer(share.total),
          NumberFormat.share(share.share),
        ]
      }
      out += grid([c.groupColumn, "meets", "of", "share"], rows, rightAligned: [false, true, true, true])
      let (d, unit) = Self.shareDifference([
        t.difference, t.differenceInterval.lowerBound, t.differenceInterval.upperBound,
      ])
      out +=
        "  difference \(d[0]) \(unit) (\(Int((t.confidence * 100).rounded())) % CI \(d[1]) to \(d[2]) \(unit), Newcombe's score interval)\n"
      let chi =
        "\(u ? "χ²" : "chi-square") = \(NumberFormat.significant(t.chiSquare)) (z = \(NumberFormat.significant(t.z)))"
      out +=
        t.usesFisher
        ? "  Fisher's exact test p\(p(t.fisher.pValue)) · \(chi), not used: an expected count is under 5\n"
        : "  \(chi), df = 1, p\(p(t.pValue))\n"
    case .crossTab(let t):
      let driving = Set(t.drivingCells.map { [$0.row, $0.column] })
      var header = [c.groupColumn]
      for label in t.columnLabels { header.append(label) }
      header.append("total")
      let rows = t.observed.indices.map { i -> [String] in
        [t.rowLabels[i]]
          + t.observed[i].indices.map { j in
            let up = t.adjustedResiduals[i][j] > 0
            let mark = driving.contains([i, j]) ? (u ? (up ? " ▲" : " ▼") : (up ? " +" : " -")) : ""
            return "\(NumberFormat.integer(t.observed[i][j])) (\(NumberFormat.share(t.rowShares[i][j])))\(mark)"
          } + [NumberFormat.integer(t.observed[i].reduce(0, +))]
      }
      out += grid(header, rows, rightAligned: [false] + t.columnLabels.map { _ in true } + [true])
      let cells = t.observed.joined().count
      let critical = NumberFormat.significant(t.criticalResidual)
      let rule =
        "adjusted residual beyond ±\(critical) (5 % over \(cells) cells, Bonferroni) and a count of at least \(CrossTabTest.leastCountToDrive)"
      if !t.drivingCells.isEmpty {
        out += "  (row %; \(u ? "▲ ▼" : "+ -") mark the cells that drive the association: \(rule))\n"
        out +=
          "  driving cells: "
          + t.drivingCells.prefix(4).map {
            "\(t.rowLabels[$0.row]) × \(t.columnLabels[$0.column]) \(NumberFormat.significant($0.residual))"
          }
          .joined(separator: ", ") + (t.drivingCells.count > 4 ? " and \(t.drivingCells.count - 4) more" : "") + "\n"
      } else if t.verdict.isSignificant {
        out += "  (row %; no single cell drives it: none has an \(rule))\n"
      } else {
        out += "  (row %)\n"
      }
      let chi =
        "\(u ? "χ²" : "chi-square") = \(NumberFormat.significant(t.chiSquare)), df = \(t.degreesOfFreedom)"
      switch t.decision {
      case .chiSquare:
        out += "  \(chi), p\(p(t.pValue))\n"
      case .fisher(let f):
        out += "  Fisher's exact test p\(p(f.pValue)) · \(chi), not used: an expected count is under 5\n"
      case .freemanHalton(let f):
        let how: String
        switch f.method {
        case .everyTable(let tables):
          how = "exact test p\(p(f.pValue)) (all \(NumberFormat.integer(tables)) tables with these margins)"
        case .monteCarlo(let tables, let se):
          how =
            "test p\(p(f.pValue)) (Monte Carlo, \(NumberFormat.integer(tables)) tables, ± \(NumberFormat.significant(se, digits: 1)))"
        }
        out += "  Freeman–Halton \(how) · \(chi), not used: expected counts too small\n"
      }
    case .twoMeasures(let w, let mw, let medians):
      let samples = [w.first, w.second]
      let rows = samples.indices.map { i in
        [
          c.groups[i], NumberFormat.integer(samples[i].count), m(samples[i].mean), m(samples[i].standardDeviation),
          m(medians[i]),
        ]
      }
      out += grid([c.groupColumn, "n", "mean", "sd", "median"], rows, rightAligned: [false, true, true, true, true])
      let d = Self.readTogether(
        [w.difference, w.differenceInterval.lowerBound, w.differenceInterval.upperBound], places: c.precision + 1)
      out +=
        "  difference of means \(d[0]) (\(Int((w.confidence * 100).rounded())) % CI \(d[1]) to "
        + "\(d[2])); effect size d = \(NumberFormat.decimal(w.cohensD, places: 2)) (Hedges' g \(NumberFormat.decimal(w.hedgesG, places: 2)))\n"
      out +=
        "  Welch t = \(NumberFormat.decimal(w.t, places: 2)), df = \(NumberFormat.decimal(w.degreesOfFreedom, places: 1)), p\(p(w.pValue))"
        + " · Mann–Whitney U = \(NumberFormat.compact(mw.u, maxPlaces: 1)), p\(p(mw.pValue))\(mw.exact ? " (exact)" : "")\n"
      if mw.verdict.isSignificant != w.verdict.isSignificant {
        out +=
          "  the two tests disagree: Mann–Whitney says \(mw.verdict.isSignificant ? "a real difference" : "not evidence on its own") (outliers or skew move the means)\n"
      }
    case .manyMeasures(let a, let kw, let medians):
      let rows = a.groups.indices.map { i in
        [
          c.groups[i], NumberFormat.integer(a.groups[i].count), m(a.groups[i].mean), m(a.groups[i].standardDeviation),
          m(medians[i]),
        ]
      }
      out += grid([c.groupColumn, "n", "mean", "sd", "median"], rows, rightAligned: [false, true, true, true, true])
      out +=
        "  ANOVA F(\(a.betweenDegrees), \(a.withinDegrees)) = \(NumberFormat.significant(a.f, digits: 6)), p\(p(a.pValue)), "
        + "\(u ? "η²" : "eta-squared") = \(NumberFormat.decimal(a.etaSquared, places: 3)), "
        + "residual sd \(NumberFormat.significant(a.residualStandardDeviation, digits: 6))"
        + " · Kruskal–Wallis H = \(NumberFormat.decimal(kw.h, places: 2)), df = \(kw.degreesOfFreedom), p\(p(kw.pValue))\n"
      if kw.verdict.isSignificant != a.verdict.isSignificant {
        out +=
          "  the two tests disagree: Kruskal–Wallis says \(kw.verdict.isSignificant ? "a real difference" : "not evidence on its own")\n"
      }
    }
    for w in c.warnings { out += "  warning: \(w.message)\n" }
    if c.skipped > 0 { out += "  \(NumberFormat.integer(c.skipped)) rows skipped: empty or not a number\n" }
    out += c.verdict.sentence + "\n"
    return out
  }

  /// A difference of shares and its interval's ends, read together: in percentage points
  /// (`50.0 points`), or in ppm when all are under 0.1 point (`30.0 ppm`), at places that tell them apart.
  static func shareDifference(_ values: [Double]) -> (figures: [String], unit: String) {
    if values.allSatisfy({ abs($0) < 0.001 }) {
      return (NumberFormat.distinguished(values.map { $0 * 1e6 }), "ppm")
    }
    return (NumberFormat.distinguished(values.map { $0 * 100 }), "points")
  }

  /// Figures read together (a difference and its interval's ends) at `places`, unless those
  /// show none of a figure's digits or print two different figures alike: then at the shared
  /// places that tell them apart (`NumberFormat.distinguished`).
  static func readTogether(_ values: [Double], places: Int) -> [String] {
    let plain = values.map { NumberFormat.decimal($0, places: places) }
    let hidden = values.contains { $0 != 0 && $0.isFinite && NumberFormat.places(forSignificant: 1, of: $0) > places }
    return hidden || Set(plain).count < Set(values).count ? NumberFormat.distinguished(values) : plain
  }

  /// A difference of shares in percentage points: `5.0 points`.
  func points(_ share: Double) -> String { NumberFormat.decimal(share * 100, places: 1) + " points" }

  /// A p-value to three decimals, or `< 0.001`.
  static func pValue(_ p: Double) -> String {
    p < 0.001 ? " < 0.001" : " = " + NumberFormat.decimal(p, places: 3)
  }
}
