/// Parses a pattern into `PikeRegex.Node`s, numbering its groups.
extension PikeRegex {
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
}
