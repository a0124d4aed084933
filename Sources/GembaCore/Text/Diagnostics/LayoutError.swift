/// A `--date-format` or `--pattern` gemba cannot use, and why.
public struct LayoutError: Error, Hashable, Sendable {
  public var layout: String
  public var reason: String
}
