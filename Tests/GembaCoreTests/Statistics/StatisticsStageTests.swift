import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// The statistics stages (`compare`, `spc --chart`, `capability`) run on loaded tables, their
/// figures compared with scipy run at test time or with qcc's printed values, and the bad input
/// the issue lists refused with a message.
@Suite struct StatisticsStageTests {
  /// The issue's requests: 98 of 584 app requests cancelled against 16 of 136 on the web.
  static func requests() throws -> EvidenceTable {
    var text = "id,channel,cancelled\n"
    var id = 0
    for (channel, yes, total) in [("app", 98, 584), ("web", 16, 136)] {
      for i in 0..<total {
        id += 1
        text += "\(id),\(channel),\(i < yes ? "yes" : "no")\n"
      }
    }
    return try loadText(text).table
  }

  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func compareSharesMatchesScipy() throws {
    guard case .comparison(let c) = try query(try Self.requests(), "x | compare cancelled = yes by channel"),
      case .proportions(let t) = c.test
    else { Issue.record("not a two-proportion comparison"); return }
    let expected = try SciPy.run(
      """
      x1, n1, x2, n2 = 98, 584, 16, 136
      p = (x1 + x2) / (n1 + n2)
      z = (x1/n1 - x2/n2) / math.sqrt(p * (1 - p) * (1/n1 + 1/n2))
      out = {'z': z, 'p': 2 * stats.norm.sf(abs(z)), 'fisher': stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]])[1]}
      """, input: [String: Int]())
    #expect(abs(t.z - expected.number("z")) < 1e-9)
    #expect(abs(t.pValue - expected.number("p")) < 1e-9)
    #expect(abs(t.fisher.pValue - expected.number("fisher")) < 1e-6)
    #expect(!c.verdict.isSignificant)
    #expect(
      EvidenceTextRenderer().render(.comparison(c)).hasSuffix(
        "by Pearson's chi-square test, a difference this large arises by chance 15 times in 100: not evidence on its own\n"
      ))
  }

  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func compareMeasureByGroupMatchesScipy() throws {
    let a = [12.1, 14.3, 11.8, 15.2, 13.3, 12.9, 16.1, 14.8], b = [10.2, 11.9, 12.4, 10.8, 11.1, 13.0, 10.5]
    let text =
      "shift,minutes\n" + a.map { "early,\($0)" }.joined(separator: "\n") + "\n"
      + b.map { "late,\($0)" }.joined(separator: "\n") + "\n"
    guard case .comparison(let c) = try query(try loadText(text).table, "x | compare minutes by shift"),
      case .twoMeasures(let w, let mw, _) = c.test
    else { Issue.record("not a two-group comparison"); return }
    let expected = try SciPy.run(
      """
      a, b = data['a'], data['b']
      t = stats.ttest_ind(a, b, equal_var=False)
      u = stats.mannwhitneyu(a, b)
      out = {'t': t.statistic, 'p': t.pvalue, 'u': u.statistic, 'up': u.pvalue}
      """, input: ["a": a, "b": b])
    #expect(abs(w.t - expected.number("t")) < 1e-9)
    #expect(abs(w.pValue - expected.number("p")) < 1e-9)
    #expect(mw.u == expected.number("u"))
    #expect(abs(mw.pValue - expected.number("up")) < 1e-9)
    #expect(c.precision == 1)
  }

  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func compareTextColumnIsAChiSquareOnItsCrossTab() throws {
    var text = "team,outcome\n"
    for (team, counts) in [("A", [30, 10, 5]), ("B", [20, 20, 10]), ("C", [10, 15, 25])] {
      for (k, n) in counts.enumerated() {
        text += String(repeating: "\(team),\(["ok", "late", "wrong"][k])\n", count: n)
      }
    }
    guard case .comparison(let c) = try query(try loadText(text).table, "x | compare outcome by team"),
      case .crossTab(let t) = c.test
    else { Issue.record("not a cross-tab"); return }
    let observed = t.observed
    let expected = try SciPy.run(
      "r = stats.chi2_contingency(data['o']); out = {'x2': r[0], 'p': r[1]}", input: ["o": observed])
    #expect(abs(t.chiSquare - expected.number("x2")) < 1e-9)
    #expect(abs(t.pValue - expected.number("p")) < 1e-9)
    #expect(observed.map { $0.reduce(0, +) }.sorted() == [45, 50, 50])
  }

  /// qcc's piston rings, samples 1–25: X̄ centre 74.00118, LCL 73.98805, UCL 74.0143; R centre 0.02276.
  @Test(.enabled(if: ExternalProgram.runs(needing: QCCData.available), "needs ../shared/conformance/qcc-data"))
  func xbarRChartOfPistonRingsByColumnReproducesQCC() throws {
    let data = try QCCData("pistonrings")
    var text = "diameter,sample\n"
    for (d, s) in zip(data.columns["diameter"]!, data.columns["sample"]!) { text += "\(d),\(s)\n" }
    guard
      case .controlChart(let r) = try query(
        try loadText(text).table, "x | spc diameter --chart xbar-r --subgroup sample --baseline 1..25"),
      let x = r.location, let range = r.spread
    else { Issue.record("no X̄-R chart"); return }
    #expect(x.count == 40 && r.precision == 3)
    #expect(abs(x.centers[0] - 74.00118) < 5e-6)
    #expect(abs(x.lowers[0] - 73.98805) < 5e-6)
    #expect(abs(x.uppers[0] - 74.0143) < 5e-5)
    #expect(abs(range.centers[0] - 0.02276) < 5e-6)
    #expect(Set(x.signals.filter { $0.rule == 1 }.map { $0.point + 1 }) == [37, 38, 39])
    let text2 = EvidenceTextRenderer().render(.controlChart(r))
    #expect(text2.contains("X̄: centre 74.001   LCL 73.988   UCL 74.014"))
    #expect(text2.contains("test 1, beyond a control limit: 37 (74.017), 38 (74.020), 39 (74.023)"))
  }

  @Test(
    arguments: [
      ("v\n1\n2.5\n3\n", "x | spc v --chart c", .chartNeedsInput),
      ("v\n1\n2\nx\n", "x | spc v --chart c", .notNumeric),
      ("d,n\n3,10\n12,10\n4,10\n", "x | spc d --chart p --n n", .invalidCounts),
      ("d\n3\n-1\n4\n", "x | spc d --chart c", .invalidCounts),
      // Charts answer constant data with a sentence (ChartVerdictTests); capability refuses it.
      ("v\n5\n5\n5\n5\n", "x | capability v --lsl 1 --usl 9", .noVariation),
      ("v\n1\n2\n3\n4\n", "x | capability v --lsl 10 --usl 2", .invalidSpecLimits),
      ("v,g\n1,a\n2,a\n", "x | spc v --chart xbar-r --subgroup g", .tooFewValues),
      ("v\nred\nblue\ngreen\n", "x | spc v --chart imr", .notNumeric),
      ("v\n1\n2\n3\n", "x | spc v --chart xbar-r", .chartNeedsInput),
    ] as [(String, String, DiagnosticCode)])
  func badInputIsRefusedWithACode(table: String, text: String, code: DiagnosticCode) throws {
    do {
      _ = try query(try loadText(table).table, text)
      Issue.record("`\(text)` should be refused")
    } catch let error as Diagnostic {
      #expect(error.code == code, "\(error.message)")
    }
  }

  @Test func fewerThanTwentyPointsWarn() throws {
    guard
      case .controlChart(let r) = try query(try ChartTests.series([1, 3, 2, 4, 3, 5, 2, 4]), "x | spc v --chart imr")
    else {
      Issue.record("no chart"); return
    }
    #expect(r.warnings.contains { $0.code == .provisionalLimits })
    #expect(EvidenceTextRenderer().render(.controlChart(r)).contains("treat them as provisional"))
  }

  /// A row with a value but no date is in no period of a `--by` chart: it is counted and said,
  /// not dropped quietly (here 2 of 8 rows, counted by hand from the table below).
  @Test func rowsWithoutADateAreSaidToBeLeftOutOfAChartByPeriod() throws {
    let table =
      "when,ok\n2026-03-02,yes\n2026-03-02,no\n,yes\n2026-03-03,no\n2026-03-03,yes\nsoon,no\n2026-03-04,yes\n2026-03-04,no\n"
    guard case .controlChart(let r) = try query(try loadText(table).table, "x | spc ok --chart p --by day") else {
      Issue.record("no chart"); return
    }
    #expect(r.undated == 2 && r.dateColumn == "when")
    #expect(r.location?.count == 3)
    #expect(
      EvidenceTextRenderer().render(.controlChart(r)).contains(
        "2 rows left out: no date in `when` to place them in a day"))
  }

  @Test func typedSharesParseAndRefuseNonsense() throws {
    guard case .compareShares(let s) = try Parser.parse("compare 98/584 16/136") else {
      Issue.record("not typed shares"); return
    }
    #expect(s.first == (98, 584) && s.second == (16, 136))
    #expect(throws: Diagnostic.self) { try Parser.parse("compare 700/584 16/136") }
    guard case .query(let q) = try Parser.parse("compare tickets cancelled = yes by channel") else {
      Issue.record("not a query"); return
    }
    #expect(q.text == "tickets | compare cancelled = yes by channel")
  }
}
