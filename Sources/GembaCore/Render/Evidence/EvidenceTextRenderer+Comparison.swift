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
          NumberFormat.percent(share.share),
        ]
      }
      out += grid([c.groupColumn, "meets", "of", "share"], rows, rightAligned: [false, true, true, true])
      out +=
        "  difference \(points(t.difference)) (\(Int((t.confidence * 100).rounded())) % CI "
        + "\(NumberFormat.decimal(t.differenceInterval.lowerBound * 100, places: 1)) to \(points(t.differenceInterval.upperBound)))\n"
      out +=
        "  z = \(NumberFormat.decimal(t.z, places: 2)), p\(p(t.pValue)) · Fisher's exact test p\(p(t.fisher.pValue))\n"
    case .crossTab(let t):
      var header = [c.groupColumn]
      for label in t.columnLabels { header.append(label) }
      header.append("total")
      let rows = t.observed.indices.map { i -> [String] in
        [t.rowLabels[i]]
          + t.observed[i].indices.map { j in
            let mark = abs(t.adjustedResiduals[i][j]) > 2 ? (t.adjustedResiduals[i][j] > 0 ? " ▲" : " ▼") : ""
            return
              "\(NumberFormat.integer(t.observed[i][j])) (\(NumberFormat.percent(t.rowShares[i][j], places: 0)))\(u ? mark : mark.isEmpty ? "" : t.adjustedResiduals[i][j] > 0 ? " +" : " -")"
          } + [NumberFormat.integer(t.observed[i].reduce(0, +))]
      }
      out += grid(header, rows, rightAligned: [false] + t.columnLabels.map { _ in true } + [true])
      out +=
        "  (row %; \(u ? "▲ ▼" : "+ -") mark cells whose adjusted residual is beyond ±2: they drive the difference)\n"
      let residuals = t.observed.indices.flatMap { i in
        t.observed[i].indices.map { j in (i, j, t.adjustedResiduals[i][j]) }
      }
      .filter { abs($0.2) > 2 }.sorted { abs($0.2) > abs($1.2) }.prefix(4)
      if !residuals.isEmpty {
        out +=
          "  driving cells: "
          + residuals.map { "\(t.rowLabels[$0.0]) × \(t.columnLabels[$0.1]) \(NumberFormat.decimal($0.2, places: 1))" }
          .joined(separator: ", ") + "\n"
      }
      out +=
        "  \(u ? "χ²" : "chi-square") = \(NumberFormat.decimal(t.chiSquare, places: 2)), df = \(t.degreesOfFreedom), p\(p(t.pValue))"
      if let f = t.fisher { out += " · Fisher's exact test p\(p(f.pValue))" }
      out += "\n"
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
