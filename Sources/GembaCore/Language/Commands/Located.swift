/// A value with the span of source text it was parsed from, so a later check
/// (an unknown id, a date in the past) can point at it.
public struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
  public var value: Value
  public var span: SourceSpan
  public init(_ value: Value, at span: SourceSpan) {
    self.value = value
    self.span = span
  }
}
