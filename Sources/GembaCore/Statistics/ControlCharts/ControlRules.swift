/// The family of special-cause rules a chart applies (the tests within it: `SpecialCauseRules`).
public enum ControlRules: String, Hashable, Sendable {
  /// Western Electric rules 1-4.
  case westernElectric = "we"
  /// Nelson rules 1-8.
  case nelson
}
