public enum ControlRules: String, Hashable, Sendable {
  /// Western Electric rules 1-4.
  case we
  /// Nelson rules 1-8.
  case nelson
}
