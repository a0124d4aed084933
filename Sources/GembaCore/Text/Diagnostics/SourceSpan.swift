/// A place in a command's source text: 1-based line and column (columns count Characters).
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  public static func < (a: Self, b: Self) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }
  public var description: String { "\(line):\(column)" }
}

/// A half-open range of source text, from `start` up to (not including) `end`.
public struct SourceSpan: Hashable, Sendable {
  public var start: SourcePosition
  public var end: SourcePosition
  public init(start: SourcePosition, end: SourcePosition) {
    self.start = start
    self.end = end
  }
  public init(at position: SourcePosition, length: Int = 1) {
    self.start = position
    self.end = SourcePosition(line: position.line, column: position.column + max(length, 1))
  }
  /// The span from the start of `self` to the end of `other`.
  public func through(_ other: SourceSpan) -> SourceSpan {
    SourceSpan(start: min(start, other.start), end: max(end, other.end))
  }
}
