/// Literals every match must contain, found in the parsed pattern: a line holding none of them
/// cannot match, so it is skipped with a SIMD search instead of being run through the VM (the
/// first step of RE2's and Rust `regex`'s "required literal" prefilters, written here).
///
/// `(timeout|refused|denied)` needs one of three words; `req=[0-9a-f]{4}0000` needs `req=` and
/// `0000` (one of the two is kept: the longer, then the rarer); `.*` needs nothing.
extension PikeRegex {
  /// What a node says about the text it matches.
  struct LiteralFacts {
    /// Every string the node matches, when there are few (nil: too many or unbounded).
    var exact: Set<[UInt8]>?
    /// Strings of which every match contains one (nil: none known).
    var required: Set<[UInt8]>?
  }

  /// At most this many alternatives are tracked: beyond, a set is worth less than the VM's own work.
  static let literalLimit = 24

  static func literalFacts(_ node: Node) -> LiteralFacts {
    switch node {
    case .empty, .lineStart, .lineEnd: return LiteralFacts(exact: [[]], required: nil)
    case .byte(let b): return LiteralFacts(exact: [[b]], required: nil)
    case .set(let s):
      var members: Set<[UInt8]> = []
      for b in 0...255 where s.contains(UInt8(b)) {
        members.insert([UInt8(b)])
        if members.count > 4 { return LiteralFacts(exact: nil, required: nil) }
      }
      return LiteralFacts(exact: members, required: nil)
    case .group(let inner, _): return literalFacts(inner)
    case .repeating(let inner, let min, let max, _):
      let facts = literalFacts(inner)
      if min == 1 && max == 1 { return facts }
      guard min >= 1 else { return LiteralFacts(exact: nil, required: nil) }
      return LiteralFacts(exact: nil, required: usable(facts.required) ?? usable(facts.exact))
    case .alt(let branches):
      let all = branches.map(literalFacts)
      var exact: Set<[UInt8]>? = []
      var required: Set<[UInt8]>? = []
      for facts in all {
        if let e = facts.exact, let so = exact { exact = so.union(e) } else { exact = nil }
        // A branch with no literal lets a match through with none: the whole has none.
        if let r = best(usable(facts.required), usable(facts.exact)), let so = required {
          required = so.union(r)
        } else {
          required = nil
        }
      }
      if let e = exact, e.count > literalLimit { exact = nil }
      if let r = required, r.count > literalLimit { required = nil }
      return LiteralFacts(exact: exact, required: required)
    case .concat(let items):
      var best: Set<[UInt8]>? = nil
      // Runs of items with exact strings join into longer literals (their cross product).
      var run: Set<[UInt8]> = [[]]
      var whole = true  // every item exact, and the product never grew past the limit
      for item in items {
        let facts = literalFacts(item)
        best = Self.best(best, usable(facts.required))
        if let e = facts.exact, run.count * e.count <= literalLimit {
          var joined: Set<[UInt8]> = []
          for a in run { for b in e { joined.insert(a + b) } }
          run = joined
        } else {
          whole = false
          best = Self.best(best, usable(run))
          best = Self.best(best, usable(facts.exact))
          run = facts.exact.flatMap { $0.count <= literalLimit ? $0 : nil } ?? [[]]
        }
      }
      best = Self.best(best, usable(run))
      return LiteralFacts(exact: whole ? run : nil, required: best)
    }
  }

  /// A set worth searching for: no empty string (which every text contains), not too many.
  static func usable(_ set: Set<[UInt8]>?) -> Set<[UInt8]>? {
    guard let set, !set.isEmpty, set.count <= literalLimit, !set.contains([]) else { return nil }
    return set
  }

  /// The better of two literal sets: the one whose shortest literal is longer, then the smaller.
  static func best(_ a: Set<[UInt8]>?, _ b: Set<[UInt8]>?) -> Set<[UInt8]>? {
    guard let a else { return b }
    guard let b else { return a }
    let ka = a.map(\.count).min() ?? 0, kb = b.map(\.count).min() ?? 0
    if ka != kb { return ka > kb ? a : b }
    return a.count <= b.count ? a : b
  }
}

/// Finds, in a stretch of bytes, the first place where one of a pattern's required literals
/// starts: linear over the stretch however many times it is asked, since each literal's next
/// occurrence is remembered until the search moves past it.
struct RequiredLiterals: Sendable {
  let searches: [LiteralSearch]

  /// Nil when the pattern has no literal worth a search (or matches letters in either case).
  init?(_ node: PikeRegex.Node, ignoreCase: Bool) {
    guard !ignoreCase, let set = PikeRegex.literalFacts(node).required else { return nil }
    // A single byte, unless it is the only literal, costs more to look for than it saves.
    guard set.count == 1 || set.allSatisfy({ $0.count >= 2 }) else { return nil }
    // Sorted so that the order of the search, and so its timing, never depends on hashing.
    searches = set.sorted { $0.lexicographicallyPrecedes($1) }.map(LiteralSearch.init)
  }

  /// Whether [start, end) contains one of the literals.
  func occurs(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    searches.contains { $0.first(in: base, from: start, to: end) != nil }
  }

  /// A cursor over [start, end): `next(from:)` returns the first offset ≥ from where a literal
  /// starts. Offsets asked must not decrease.
  struct Cursor {
    let literals: RequiredLiterals
    let base: UnsafePointer<UInt8>
    let end: Int
    /// Each literal's next occurrence at or after the last offset asked (end: none left).
    var next: [Int]
    var known: [Bool]

    init(_ literals: RequiredLiterals, _ base: UnsafePointer<UInt8>, end: Int) {
      self.literals = literals
      self.base = base
      self.end = end
      next = Array(repeating: 0, count: literals.searches.count)
      known = Array(repeating: false, count: literals.searches.count)
    }

    mutating func next(from p: Int) -> Int? {
      var first = end
      for k in literals.searches.indices {
        if !known[k] || next[k] < p {
          next[k] = literals.searches[k].first(in: base, from: p, to: end) ?? end
          known[k] = true
        }
        first = min(first, next[k])
      }
      return first < end ? first : nil
    }
  }
}
