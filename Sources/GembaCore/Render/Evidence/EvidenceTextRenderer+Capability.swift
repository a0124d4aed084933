extension EvidenceTextRenderer {
  /// `capability`: the indices with their intervals, PPM outside the limits, normality, and
  /// the histogram with the specification limits marked.
  func capability(_ r: CapabilityResult) -> String {
    let s = r.study
    let u = options.unicode
    func x(_ v: Double) -> String { NumberFormat.decimal(v, places: r.precision) }
    func sd(_ v: Double) -> String { NumberFormat.decimal(v, places: r.precision + 2) }
    let method = s.sigmaMethod == .movingRange ? "MR̄/d₂" : s.sigmaMethod == .sBar ? "S̄/c₄" : "R̄/d₂"
    let spec = [
      s.lowerSpec.map { "LSL \(x($0))" }, s.target.map { "target \(x($0))" }, s.upperSpec.map { "USL \(x($0))" },
    ]
    .compactMap { $0 }.joined(separator: " · ")
    var out = "capability of \(r.column): \(spec)\n"
    out +=
      "  \(NumberFormat.integer(s.count)) values" + (r.subgroups.map { " in \($0) subgroups" } ?? "")
      + ", mean \(NumberFormat.decimal(s.mean, places: r.precision + 1))"
      + ", σ within \(sd(s.withinSigma)) (\(u ? method : method.replacingOccurrences(of: "̄", with: "bar").replacingOccurrences(of: "₂", with: "2").replacingOccurrences(of: "₄", with: "4"))), σ overall \(sd(s.overallSigma))\n"
    let level = "\(Int((s.confidence * 100).rounded())) % CI"
    let indices: [(String, CapabilityStudy.Index?)] = [
      ("Cp", s.cp), ("Cpl", s.cpl), ("Cpu", s.cpu), ("Cpk", s.cpk), ("Cpm", s.cpm),
      ("Pp", s.pp), ("Ppl", s.ppl), ("Ppu", s.ppu), ("Ppk", s.ppk),
    ]
    let rows = indices.compactMap { name, index in
      index.map {
        [
          name, NumberFormat.decimal($0.value, places: 2),
          "\(NumberFormat.decimal($0.interval.lowerBound, places: 2))–\(NumberFormat.decimal($0.interval.upperBound, places: 2))",
        ]
      }
    }
    out += grid(["index", "value", level], rows, rightAligned: [false, true, true])
    func ppm(_ v: Double?) -> String { v.map { NumberFormat.decimal($0, places: $0 < 10 ? 2 : 0) } ?? "–" }
    let ppmRows =
      [("below LSL", \CapabilityStudy.PartsPerMillion.below), ("above USL", \.above)].map { label, key in
        [
          label, ppm(s.observed[keyPath: key]), ppm(s.expectedWithin[keyPath: key]),
          ppm(s.expectedOverall[keyPath: key]),
        ]
      } + [["total", ppm(s.observed.total), ppm(s.expectedWithin.total), ppm(s.expectedOverall.total)]]
    out += grid(
      ["PPM", "observed", "expected within", "expected overall"], ppmRows, rightAligned: [false, true, true, true])
    out +=
      "  normality: Anderson–Darling A² = \(NumberFormat.decimal(s.normality.aSquared, places: 3)), p\(Self.pValue(s.normality.pValue))"
      + (s.normality.verdict.isSignificant ? ": not normal" : ": no evidence against normality") + "\n"
    out +=
      s.inControl
      ? "  in statistical control on its own chart (test 1): the indices can predict\n"
      : "  NOT in statistical control: \(Set(s.outOfControl.map(\.point)).count) points beyond the limits of its chart\n"
    out += specHistogram(r)
    for w in s.warnings { out += "warning: \(w.message)\n" + w.notes.map { "  \($0)\n" }.joined() }
    if r.skipped > 0 { out += "\(NumberFormat.integer(r.skipped)) rows skipped: empty or not a number\n" }
    return out
  }

  /// The histogram, with a line where each specification limit falls.
  private func specHistogram(_ r: CapabilityResult) -> String {
    let h = r.histogram
    guard !h.bins.isEmpty else { return "" }
    func x(_ v: Double) -> String { NumberFormat.decimal(v, places: r.precision) }
    var rows = h.bins.map { b in
      (label: "[\(x(b.lower)), \(x(b.upper)))", figures: [NumberFormat.integer(b.count)], value: Double(b.count))
    }
    var text = barRows(rows, header: [h.column, "count"]).split(separator: "\n").map(String.init)
    // Insert the limits between bins, from the bottom up so indices hold.
    var marks: [(Int, String)] = []
    let line = options.unicode ? "────" : "----"
    if let l = r.study.lowerSpec {
      marks.append((h.bins.firstIndex { $0.upper > l } ?? h.bins.count, "\(line) LSL \(x(l)) \(line)"))
    }
    if let u = r.study.upperSpec {
      marks.append((h.bins.firstIndex { $0.upper > u } ?? h.bins.count, "\(line) USL \(x(u)) \(line)"))
    }
    for (bin, mark) in marks.sorted(by: { $0.0 > $1.0 }) { text.insert(mark, at: 1 + min(bin, h.bins.count)) }
    rows.removeAll()
    return text.joined(separator: "\n") + "\n"
  }
}
