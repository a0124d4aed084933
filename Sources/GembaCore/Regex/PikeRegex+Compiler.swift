/// Compiles `PikeRegex.Node`s to the VM's instructions (Thompson's construction; repetitions
/// counted out, splits ordered so the greedy or lazy choice comes first).
extension PikeRegex {
  struct Compiler {
    var program: [Inst] = []
    /// Letters match either case (`grep -i`).
    var ignoreCase = false
    mutating func emit(_ inst: Inst) { program.append(inst) }

    static func bothCases(_ b: UInt8) -> ByteSet? {
      let lower = b | 0x20
      guard lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return nil }
      var set = ByteSet()
      set.insert(lower)
      set.insert(lower & ~0x20)
      return set
    }

    mutating func compile(_ node: Node) throws(LayoutError) {
      guard program.count <= 2_000 else { return }
      switch node {
      case .empty: break
      case .byte(let b):
        if ignoreCase, let both = Self.bothCases(b) { emit(.set(both)) } else { emit(.byte(b)) }
      case .set(let s):
        guard ignoreCase else { emit(.set(s)); break }
        var folded = s
        for b in UInt8(0)...UInt8(127) where s.contains(b) && b.isASCIILetter {
          folded.insert(b | 0x20)
          folded.insert(b & ~0x20)
        }
        emit(.set(folded))
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
