/// A regular expression matched in time linear in the line (a Pike VM over bytes), for
/// `--pattern` on untrusted logs: no pattern can make a line take exponential time.
///
/// Supports literals, `.`, classes `[a-z_]` `[^:]` (ASCII), `\d \D \w \W \s \S`, escapes,
/// groups `( )`, `(?: )`, named `(?<name> )`, alternation `|`, `* + ? {m} {m,} {m,n}` (also lazy
/// with `?`), and the anchors `^ $`. Not backreferences or lookaround (they need backtracking).
struct PikeRegex: Sendable {
  enum Inst: Sendable {
    case byte(UInt8)
    case set(ByteSet)
    case split(Int, Int)  // prefer the first
    case jump(Int)
    case save(Int)
    case lineStart, lineEnd
    case match
  }

  struct ByteSet: Sendable, Hashable {
    var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    mutating func insert(_ b: UInt8) {
      let m = UInt64(1) << UInt64(b & 63)
      switch b >> 6 {
      case 0: bits.0 |= m
      case 1: bits.1 |= m
      case 2: bits.2 |= m
      default: bits.3 |= m
      }
    }
    func contains(_ b: UInt8) -> Bool {
      let m = UInt64(1) << UInt64(b & 63)
      switch b >> 6 {
      case 0: return bits.0 & m != 0
      case 1: return bits.1 & m != 0
      case 2: return bits.2 & m != 0
      default: return bits.3 & m != 0
      }
    }
    func inverted() -> ByteSet {
      var s = ByteSet()
      s.bits = (~bits.0, ~bits.1, ~bits.2, ~bits.3)
      return s
    }
    static func == (a: ByteSet, b: ByteSet) -> Bool { a.bits == b.bits }
    func hash(into h: inout Hasher) { h.combine(bits.0); h.combine(bits.1); h.combine(bits.2); h.combine(bits.3) }
  }

  indirect enum Node {
    case empty
    case set(ByteSet)
    case byte(UInt8)
    case lineStart, lineEnd
    case concat([Node])
    case alt([Node])
    case repeating(Node, min: Int, max: Int?, greedy: Bool)
    case group(Node, index: Int?)
  }

  let program: [Inst]
  /// Capture groups' names by group number (1-based; unnamed groups are nil).
  let groupNames: [String?]

  init(_ pattern: String) throws(LayoutError) {
    var parser = Parser(bytes: Array(pattern.utf8), pattern: pattern)
    let node = try parser.parseAlternation()
    guard parser.i == parser.bytes.count else { throw parser.error("an unmatched `)`") }
    var compiler = Compiler()
    compiler.emit(.save(0))
    try compiler.compile(node)
    compiler.emit(.save(1))
    compiler.emit(.match)
    guard compiler.program.count <= 2_000 else { throw LayoutError(layout: pattern, reason: "it is too large once its repetitions are counted out") }
    program = compiler.program
    groupNames = parser.names
  }

  /// The byte ranges of group 0 and each group (nil when it did not take part), for the leftmost
  /// match in `p[0..<n]`, or nil.
  func firstMatch(_ p: UnsafePointer<UInt8>, _ n: Int) -> [(Int, Int)?]? {
    let slotCount = 2 * (groupNames.count + 1)
    var current = ThreadList(size: program.count, slots: slotCount)
    var next = ThreadList(size: program.count, slots: slotCount)
    var matched: [Int]? = nil
    var scratch = [Int](repeating: -1, count: slotCount)
    for pos in 0...n {
      if matched == nil {
        for k in scratch.indices { scratch[k] = -1 }
        add(&current, 0, pos, n, p, &scratch)
      }
      if current.count == 0 { break }
      next.clear()
      for t in 0..<current.count {
        let pc = current.pcs[t]
        switch program[pc] {
        case .byte(let b):
          if pos < n && p[pos] == b { var caps = current.captures(t); add(&next, pc + 1, pos + 1, n, p, &caps) }
        case .set(let s):
          if pos < n && s.contains(p[pos]) { var caps = current.captures(t); add(&next, pc + 1, pos + 1, n, p, &caps) }
        case .match:
          matched = current.captures(t)
          break  // lower-priority threads are cut
        default: break
        }
        if case .match = program[pc] { break }
      }
      swap(&current, &next)
    }
    guard let m = matched else { return nil }
    return (0..<(slotCount / 2)).map { g in m[2 * g] >= 0 && m[2 * g + 1] >= 0 ? (m[2 * g], m[2 * g + 1]) : nil }
  }

  /// Follows jumps, splits, saves and anchors from `pc`, adding the threads that consume a byte.
  private func add(_ list: inout ThreadList, _ pc: Int, _ pos: Int, _ n: Int, _ p: UnsafePointer<UInt8>, _ caps: inout [Int]) {
    if list.contains(pc) { return }
    list.mark(pc)
    switch program[pc] {
    case .jump(let to): add(&list, to, pos, n, p, &caps)
    case .split(let a, let b):
      add(&list, a, pos, n, p, &caps)
      add(&list, b, pos, n, p, &caps)
    case .save(let slot):
      let old = caps[slot]
      caps[slot] = pos
      add(&list, pc + 1, pos, n, p, &caps)
      caps[slot] = old
    case .lineStart: if pos == 0 { add(&list, pc + 1, pos, n, p, &caps) }
    case .lineEnd: if pos == n { add(&list, pc + 1, pos, n, p, &caps) }
    default: list.append(pc, caps)
    }
  }

  /// The threads at one position: a sparse set of program counters, with their captures.
  struct ThreadList {
    var pcs: [Int]
    var count = 0
    var seen: [Int]  // generation per pc
    var generation = 1
    var slots: Int
    var store: [Int]

    init(size: Int, slots: Int) {
      pcs = [Int](repeating: 0, count: size)
      seen = [Int](repeating: 0, count: size)
      self.slots = slots
      store = [Int](repeating: -1, count: size * slots)
    }
    func contains(_ pc: Int) -> Bool { seen[pc] == generation }
    mutating func mark(_ pc: Int) { seen[pc] = generation }
    mutating func append(_ pc: Int, _ caps: [Int]) {
      pcs[count] = pc
      for k in 0..<slots { store[count * slots + k] = caps[k] }
      count += 1
    }
    func captures(_ t: Int) -> [Int] { Array(store[(t * slots)..<((t + 1) * slots)]) }
    mutating func clear() { count = 0; generation += 1 }
  }

  struct Parser {
    let bytes: [UInt8]
    let pattern: String
    var i = 0
    var names: [String?] = []

    func error(_ what: String) -> LayoutError { LayoutError(layout: pattern, reason: "\(what) at byte \(i + 1)") }

    mutating func parseAlternation() throws(LayoutError) -> Node {
      var branches = [try parseConcat()]
      while i < bytes.count && bytes[i] == 124 { i += 1; branches.append(try parseConcat()) }
      return branches.count == 1 ? branches[0] : .alt(branches)
    }

    mutating func parseConcat() throws(LayoutError) -> Node {
      var items: [Node] = []
      while i < bytes.count && bytes[i] != 124 && bytes[i] != 41 {
        var atom = try parseAtom()
        atom = try parseQuantifier(atom)
        items.append(atom)
      }
      return items.count == 1 ? items[0] : .concat(items)
    }

    mutating func parseQuantifier(_ atom: Node) throws(LayoutError) -> Node {
      guard i < bytes.count else { return atom }
      var min = 0, max: Int? = nil
      switch bytes[i] {
      case 42: i += 1
      case 43: min = 1; i += 1
      case 63: max = 1; i += 1
      case 123:
        let start = i
        i += 1
        func number() -> Int? {
          var v = 0, k = 0
          while i < bytes.count, bytes[i] &- 48 < 10, k < 4 { v = v * 10 + Int(bytes[i] - 48); i += 1; k += 1 }
          return k > 0 ? v : nil
        }
        guard let m = number() else { i = start; return atom }
        min = m
        max = m
        if i < bytes.count && bytes[i] == 44 { i += 1; max = number() }
        guard i < bytes.count, bytes[i] == 125 else { throw error("an unclosed `{`") }
        i += 1
        if let max, max < min { throw error("a repetition {m,n} with n < m") }
        if min > 1000 || (max ?? 0) > 1000 { throw error("a repetition over 1000") }
      default: return atom
      }
      var greedy = true
      if i < bytes.count && bytes[i] == 63 { greedy = false; i += 1 }
      if i < bytes.count && (bytes[i] == 42 || bytes[i] == 43) { throw error("a possessive or doubled quantifier") }
      return .repeating(atom, min: min, max: max, greedy: greedy)
    }

    mutating func parseAtom() throws(LayoutError) -> Node {
      let c = bytes[i]
      i += 1
      switch c {
      case 40:  // (
        var index: Int? = nil
        if i < bytes.count && bytes[i] == 63 {
          i += 1
          if i < bytes.count && bytes[i] == 58 {
            i += 1
          } else {
            if i < bytes.count && bytes[i] == 80 { i += 1 }
            guard i < bytes.count, bytes[i] == 60, i + 1 < bytes.count, bytes[i + 1] != 61, bytes[i + 1] != 33 else {
              throw error("lookaround or an unknown group `(?`; only (?:…) and (?<name>…) are read")
            }
            i += 1
            var name: [UInt8] = []
            while i < bytes.count && bytes[i] != 62 { name.append(bytes[i]); i += 1 }
            guard i < bytes.count, !name.isEmpty else { throw error("an unclosed group name") }
            i += 1
            names.append(String(decoding: name, as: UTF8.self))
            index = names.count
          }
        } else {
          names.append(nil)
          index = names.count
        }
        let inner = try parseAlternation()
        guard i < bytes.count, bytes[i] == 41 else { throw error("an unclosed `(`") }
        i += 1
        return .group(inner, index: index)
      case 91: return .set(try parseClass())
      case 46:
        var s = ByteSet()
        s.insert(10)
        return .set(s.inverted())
      case 94: return .lineStart
      case 36: return .lineEnd
      case 92:
        guard i < bytes.count else { throw error("a lone `\\` at the end") }
        let e = bytes[i]
        i += 1
        if let s = Self.classEscape(e) { return .set(s) }
        if e &- 48 < 10 || e == 107 { throw error("a backreference (it needs backtracking)") }
        if e == 98 || e == 66 { throw error("`\\b` word boundaries are not read") }
        return .byte(Self.literalEscape(e))
      case 42, 43, 63: throw error("a quantifier with nothing before it")
      default: return .byte(c)
      }
    }

    mutating func parseClass() throws(LayoutError) -> ByteSet {
      var set = ByteSet()
      var negate = false
      if i < bytes.count && bytes[i] == 94 { negate = true; i += 1 }
      var first = true
      while i < bytes.count && (bytes[i] != 93 || first) {
        first = false
        var lo = bytes[i]
        i += 1
        if lo == 92 {
          guard i < bytes.count else { break }
          let e = bytes[i]
          i += 1
          if let s = Self.classEscape(e) {
            for b in 0...255 where s.contains(UInt8(b)) { set.insert(UInt8(b)) }
            continue
          }
          lo = Self.literalEscape(e)
        }
        if i + 1 < bytes.count && bytes[i] == 45 && bytes[i + 1] != 93 {
          var hi = bytes[i + 1]
          i += 2
          if hi == 92, i < bytes.count { hi = Self.literalEscape(bytes[i]); i += 1 }
          guard lo <= hi else { throw error("a class range backwards") }
          for b in lo...hi { set.insert(b) }
        } else {
          set.insert(lo)
        }
      }
      guard i < bytes.count else { throw error("an unclosed `[`") }
      i += 1
      if negate { var s = set.inverted(); if !set.contains(10) { s.bits.0 &= ~(UInt64(1) << 10) }; return s }
      return set
    }

    static func classEscape(_ e: UInt8) -> ByteSet? {
      var s = ByteSet()
      switch e | 0x20 {
      case 100: for b in UInt8(48)...57 { s.insert(b) }
      case 119:
        for b in UInt8(48)...57 { s.insert(b) }
        for b in UInt8(65)...90 { s.insert(b) }
        for b in UInt8(97)...122 { s.insert(b) }
        s.insert(95)
      case 115: for b: UInt8 in [32, 9, 10, 13, 11, 12] { s.insert(b) }
      default: return nil
      }
      return e < 97 ? s.inverted() : s  // \D \W \S
    }

    static func literalEscape(_ e: UInt8) -> UInt8 {
      switch e {
      case 116: return 9
      case 110: return 10
      case 114: return 13
      default: return e
      }
    }
  }

  struct Compiler {
    var program: [Inst] = []
    mutating func emit(_ inst: Inst) { program.append(inst) }

    mutating func compile(_ node: Node) throws(LayoutError) {
      guard program.count <= 2_000 else { return }
      switch node {
      case .empty: break
      case .byte(let b): emit(.byte(b))
      case .set(let s): emit(.set(s))
      case .lineStart: emit(.lineStart)
      case .lineEnd: emit(.lineEnd)
      case .concat(let items): for item in items { try compile(item) }
      case .group(let inner, let index):
        if let index { emit(.save(2 * index)) }
        try compile(inner)
        if let index { emit(.save(2 * index + 1)) }
      case .alt(let branches):
        var jumps: [Int] = []
        for (k, branch) in branches.enumerated() {
          if k < branches.count - 1 {
            let split = program.count
            emit(.split(split + 1, 0))
            try compile(branch)
            jumps.append(program.count)
            emit(.jump(0))
            program[split] = .split(split + 1, program.count)
          } else {
            try compile(branch)
          }
        }
        for j in jumps { program[j] = .jump(program.count) }
      case .repeating(let inner, let min, let max, let greedy):
        for _ in 0..<min { try compile(inner) }
        if let max {
          var holes: [Int] = []
          for _ in min..<max {
            let split = program.count
            emit(.split(0, 0))
            holes.append(split)
            try compile(inner)
          }
          for h in holes { program[h] = greedy ? .split(h + 1, program.count) : .split(program.count, h + 1) }
        } else {
          let split = program.count
          emit(.split(0, 0))
          try compile(inner)
          emit(.jump(split))
          program[split] = greedy ? .split(split + 1, program.count) : .split(program.count, split + 1)
        }
      }
    }
  }
}
