#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Searches evidence bytes for a pattern: a literal with SIMD, or a regular expression per line.
public struct EvidenceGrep: @unchecked Sendable {
  // The compiled pattern is immutable once built; the struct is only read.
  public let pattern: String
  public let ignoreCase: Bool
  private let literal: LiteralSearch?
  /// A linear-time matcher (a Pike VM): a pattern from a received notebook cannot make a line
  /// take exponential time, as a backtracking engine's `(a+)+$` does.
  private let regex: PikeRegex?

  /// A pattern with regular-expression syntax is a regex; anything else is searched literally.
  public init(pattern: String, ignoreCase: Bool = false, span: SourceSpan? = nil) throws(Diagnostic) {
    self.pattern = pattern
    self.ignoreCase = ignoreCase
    if !ignoreCase && !Self.hasRegexSyntax(pattern) {
      literal = LiteralSearch(Array(pattern.utf8))
      regex = nil
      return
    }
    literal = nil
    do throws(LayoutError) {
      regex = try PikeRegex(pattern, ignoreCase: ignoreCase)
    } catch {
      throw Diagnostic.error(
        .invalidRegex, "`\(pattern)` is not a regular expression gemba reads: \(error.reason)",
        at: span,
        notes: ["escape special characters with a backslash, e.g. `a\\.b`"])
    }
  }

  /// True when `s` uses regular-expression syntax (so it is not searched literally).
  public static func hasRegexSyntax(_ s: String) -> Bool {
    s.contains { ".^$*+?()[]{}|\\".contains($0) }
  }

  /// Lines of the file that match, like `rg -c`; two halves are searched on two cores.
  public func countMatchingLines(in source: ByteSource, parallel: Bool = true) -> Int {
    guard let raw = source.buffer.baseAddress, source.count > 0 else { return 0 }
    let base = raw.assumingMemoryBound(to: UInt8.self)
    let end = source.count
    guard end >= 1 << 22, parallel else { return countLines(base, 0, end) }
    var middle = end / 2
    while middle < end && base[middle - 1] != 10 { middle += 1 }
    let split = middle
    let first = ResultBox(0), second = ResultBox(0)
    Parallel.run([
      { first.value = self.countLines(source.buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), 0, split) },
      { second.value = self.countLines(source.buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), split, end) },
    ])
    return first.value + second.value
  }

  func countLines(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
    var count = 0
    forEachMatch(base, start, end) { _, lineEnd in
      count += 1
      return lineEnd
    }
    return count
  }

  /// Calls `body(matchOffset, lineEnd)` for each line with a match; `body` returns where to go on.
  func forEachMatch(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ body: (Int, Int) -> Int) {
    var p = start
    if let literal {
      while p < end, let hit = literal.first(in: base, from: p, to: end) {
        let lineEnd =
          memchr(base + hit, 10, end - hit).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
        p = body(hit, lineEnd) + 1
      }
      return
    }
    if let regex, let literals = regex.prefilter {
      // Only lines holding a required literal can match: jump from one to the next.
      var cursor = RequiredLiterals.Cursor(literals, base, end: end)
      while p < end, let hit = cursor.next(from: p) {
        var lineStart = hit
        while lineStart > p && base[lineStart - 1] != 10 { lineStart -= 1 }
        let lineEnd =
          memchr(base + hit, 10, end - hit).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
        p = regex.isMatch(base + lineStart, lineEnd - lineStart) ? body(lineStart, lineEnd) + 1 : lineEnd + 1
      }
      return
    }
    while p < end {
      let lineEnd =
        memchr(base + p, 10, end - p).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
      if matches(base, p, lineEnd) {
        p = body(p, lineEnd) + 1
      } else {
        p = lineEnd + 1
      }
    }
  }

  /// Whether [start, end) contains a match.
  func matches(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    if let literal { return literal.first(in: base, from: start, to: end) != nil }
    guard let regex else { return false }
    return regex.matches(base + start, end - start)
  }

  func matches(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { b in b.baseAddress.map { matches($0, 0, b.count) } ?? pattern.isEmpty }
  }
}
