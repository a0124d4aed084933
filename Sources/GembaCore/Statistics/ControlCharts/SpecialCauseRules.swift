/// Which tests for special causes a control chart applies: Western Electric 1–4 or Nelson 1–8,
/// all of them or a chosen few (`--rules we`, `--rules nelson`, `--rules 1,2,5`).
///
/// Nelson's numbering is the one Minitab uses for its eight tests. Attribute charts (p, np, c,
/// u, Laney) default to Nelson tests 1–4, as Minitab offers for them: the tests that do not read
/// zones, whose 1σ and 2σ bands assume a symmetric distribution counts do not have.
public struct SpecialCauseRules: Hashable, Sendable {
  public var family: ControlRules
  /// The tests applied, in ascending order.
  public var tests: [Int]

  /// - Throws: a `Diagnostic` when a test number is not in the family (1–4 or 1–8).
  public init(_ family: ControlRules, tests: [Int]? = nil) throws(Diagnostic) {
    let all = family == .westernElectric ? Array(1...4) : Array(1...8)
    let chosen = Array(Set(tests ?? all)).sorted()
    if let bad = chosen.first(where: { !all.contains($0) }) {
      throw Diagnostic.error(
        .invalidRules,
        "\(family == .westernElectric ? "Western Electric rules are numbered 1–4" : "Nelson tests are numbered 1–8"), not \(bad)"
      )
    }
    guard !chosen.isEmpty else { throw Diagnostic.error(.invalidRules, "choose at least one test for special causes") }
    self.family = family
    self.tests = chosen
  }

  private init(unchecked family: ControlRules, tests: [Int]) {
    self.family = family
    self.tests = tests
  }

  /// Western Electric rules 1–4: the default for variables charts.
  public static let westernElectric = SpecialCauseRules(unchecked: .westernElectric, tests: [1, 2, 3, 4])
  /// Nelson tests 1–8.
  public static let nelson = SpecialCauseRules(unchecked: .nelson, tests: Array(1...8))
  /// Nelson tests 1–4: the default for attribute charts.
  public static let attributeDefault = SpecialCauseRules(unchecked: .nelson, tests: [1, 2, 3, 4])

  /// "Western Electric rules 1–4", "Nelson tests 1, 2, 5".
  public var name: String {
    let family = self.family == .westernElectric ? "Western Electric rules" : "Nelson tests"
    let contiguous = tests.count > 2 && tests[tests.count - 1] - tests[0] == tests.count - 1
    if contiguous { return "\(family) \(tests[0])–\(tests[tests.count - 1])" }
    return "\(family) " + tests.map(String.init).joined(separator: ", ")
  }
}
