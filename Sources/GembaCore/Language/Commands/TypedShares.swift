/// Two shares typed in, `98/584 16/136`: successes of a total, each.
public struct TypedShares: Hashable, Sendable {
  /// `98/584 16/136` as typed after `compare` (the verb, or a citation of it).
  static func parse(_ first: Token, _ second: Token) throws(Diagnostic) -> TypedShares {
    func share(_ t: Token) throws(Diagnostic) -> (Int, Int) {
      let parts = t.text.split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count == 2, let s = Int(parts[0]), let n = Int(parts[1]) else {
        throw .error(
          .invalidShare, "expected a share like 98/584 (count meeting the condition / group size), not `\(t.text)`",
          at: t.span)
      }
      guard n > 0, s >= 0, s <= n else {
        throw .error(
          .invalidShare, "`\(t.text)`: the count must be between 0 and the group size, and the group size above 0",
          at: t.span)
      }
      return (s, n)
    }
    return TypedShares(first: try share(first), second: try share(second), span: first.span.through(second.span))
  }

  /// As a citation stores it: `compare 98/584 16/136`.
  public var text: String { "compare \(first.successes)/\(first.total) \(second.successes)/\(second.total)" }

  public var first: (successes: Int, total: Int)
  public var second: (successes: Int, total: Int)
  public var span: SourceSpan

  public init(first: (Int, Int), second: (Int, Int), span: SourceSpan) {
    self.first = first
    self.second = second
    self.span = span
  }

  public static func == (a: Self, b: Self) -> Bool { a.first == b.first && a.second == b.second && a.span == b.span }
  public func hash(into h: inout Hasher) {
    h.combine(first.successes); h.combine(first.total); h.combine(second.successes); h.combine(second.total)
  }
}
