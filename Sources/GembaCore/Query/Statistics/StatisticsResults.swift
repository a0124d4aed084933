/// What the statistics stages produce: a comparison's test, a control chart of the full set, a
/// capability study — each with the figures' precision (the data's decimals) for display.

/// `compare`: the groups and the test that judged them, ending in a verdict in plain words.
public struct GroupComparison: Hashable, Sendable {
  public enum Test: Hashable, Sendable {
    /// Shares meeting a condition in two groups: z test and Fisher's exact test.
    case proportions(TwoProportionTest)
    /// Shares in more than two groups (χ² on groups × meets/not), or a text column's cross-tab.
    case crossTab(CrossTabTest)
    /// A measure in two groups.
    case twoMeasures(WelchTest, MannWhitneyTest, medians: [Double])
    /// A measure in more than two groups.
    case manyMeasures(OneWayANOVA, KruskalWallisTest, medians: [Double])
  }

  /// What was compared: `cancelled = yes by channel`, `handle_minutes by shift`.
  public var title: String
  public var groupColumn: String
  public var groups: [String]
  public var test: Test
  /// Decimals of the measure as the data holds it.
  public var precision: Int
  public var skipped: Int

  public var verdict: Verdict {
    switch test {
    case .proportions(let t): return t.verdict
    case .crossTab(let t): return t.verdict
    case .twoMeasures(let w, _, _): return w.verdict
    case .manyMeasures(let a, _, _): return a.verdict
    }
  }

  public var warnings: [Diagnostic] {
    switch test {
    case .proportions(let t): return t.warnings
    case .crossTab(let t): return t.warnings
    case .twoMeasures, .manyMeasures: return []
    }
  }

  /// The methods, as the record names them: `Pearson's chi-square test`, `Fisher's exact test`.
  public var method: String {
    switch test {
    case .proportions(let t): return t.method
    case .crossTab(let t): return t.method
    case .twoMeasures: return "Welch's t test; Mann–Whitney U test"
    case .manyMeasures: return "one-way ANOVA; Kruskal–Wallis test"
    }
  }
}

/// `spc COL --chart …`: the location chart with its spread chart (I-MR, X̄-R, X̄-S), an
/// attribute chart, or a run chart.
public struct ControlChartResult: Hashable, Sendable {
  public var column: String
  public var chart: ChartKind
  /// What one point is: `row`, `subgroup`, `day`, `week`.
  public var pointKind: String
  public var location: ShewhartChart?
  public var spread: ShewhartChart?
  public var run: RunChart?
  /// Decimals of the data (the statistics are shown with one or two more).
  public var precision: Int
  public var skipped: Int
  /// With `--by`: rows with a value but no date in `dateColumn`, in no period and so in no point.
  public var undated = 0
  public var dateColumn: String? = nil
  /// The column that set the stages, or the split dates.
  public var stagedBy: String?
  public var baseline: String?
  /// The points (0-based, half-open) of that baseline: phase I, whose limits judge the rest.
  public var baselinePoints: Range<Int>? = nil
  /// Every value (or sample) the same: no chart, a sentence instead (`location`, `spread` and `run` nil).
  public var noVariation: NoVariation? = nil

  public var rulesName: String { location?.rules.name ?? "runs tests about the median and up or down" }

  public var warnings: [Diagnostic] {
    (location?.warnings ?? []) + (spread?.warnings ?? []) + (run?.warnings ?? [])
  }

  /// The whole process judged in control: by the location chart's verdict, whose false-alarm
  /// rate is known whatever the number of points (`ProcessVerdict`), not by whether any point
  /// signals; the run chart by its tests. Data without variation are in control (nothing moves).
  public var inControl: Bool {
    if let run { return run.patterns().isEmpty }
    return location?.verdict?.inControl ?? true
  }
}

/// `capability COL --lsl X --usl Y`: the study and the histogram drawn with the limits.
public struct CapabilityResult: Hashable, Sendable {
  public var column: String
  public var study: CapabilityStudy
  public var histogram: Histogram
  public var subgroups: Int?
  public var precision: Int
  public var skipped: Int
}
