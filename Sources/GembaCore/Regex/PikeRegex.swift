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
  /// Literals every match contains, searched for before the VM runs (nil: none worth it).
  let prefilter: RequiredLiterals?
  /// Capture groups' names by group number (1-based; unnamed groups are nil).
  let groupNames: [String?]

  init(_ pattern: String, ignoreCase: Bool = false) throws(LayoutError) {
    var parser = Parser(bytes: Array(pattern.utf8), pattern: pattern)
    let node = try parser.parseAlternation()
    guard parser.i == parser.bytes.count else { throw parser.error("an unmatched `)`") }
    var compiler = Compiler()
    compiler.ignoreCase = ignoreCase
    compiler.emit(.save(0))
    try compiler.compile(node)
    compiler.emit(.save(1))
    compiler.emit(.match)
    guard compiler.program.count <= 2_000 else {
      throw LayoutError(layout: pattern, reason: "it is too large once its repetitions are counted out")
    }
    program = compiler.program
    prefilter = RequiredLiterals(node, ignoreCase: ignoreCase)
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
        case .split, .jump, .save, .lineStart, .lineEnd: break  // followed by `add`, never in a list
        }
        if case .match = program[pc] { break }
      }
      swap(&current, &next)
    }
    guard let m = matched else { return nil }
    return (0..<(slotCount / 2)).map { g in m[2 * g] >= 0 && m[2 * g + 1] >= 0 ? (m[2 * g], m[2 * g + 1]) : nil }
  }

  /// Follows jumps, splits, saves and anchors from `pc`, adding the threads that consume a byte.
  private func add(
    _ list: inout ThreadList, _ pc: Int, _ pos: Int, _ n: Int, _ p: UnsafePointer<UInt8>, _ caps: inout [Int]
  ) {
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
    case .byte, .set, .match: list.append(pc, caps)
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
}

extension UInt8 {
  var isASCIILetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
}
