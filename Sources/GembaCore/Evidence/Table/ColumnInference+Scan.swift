#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ColumnTypeInference {
  /// The running counts of one column's scan (a struct, so the per-cell work touches no boxes).
  struct Scan {
    var candidates: [Candidate]
    var active: [Int]
    var values = 0
    let killing: Bool
    /// Only the ISO reading is left (a log's time column, after its first cells): a cell it reads
    /// is counted without the general loop.
    private var isoOnly = false

    init(candidates: [Candidate], killing: Bool) {
      self.candidates = candidates
      self.active = Array(candidates.indices)
      self.killing = killing
      noteActive()
    }

    private mutating func noteActive() {
      isoOnly = false
      if active.count == 1, case .iso = candidates[active[0]].test { isoOnly = true }
    }

    mutating func visit(_ p: UnsafePointer<UInt8>, _ n: Int, row: Int) {
      values += 1
      // What the loop below does for such a cell, when it reads: nothing but the count.
      if isoOnly && ValueParser.isDateTime(p, n) { return }
      var integerRead = false, decimalRead = false
      var integerValue: Int64 = 0
      var removed = false
      for k in active {
        var ok: Bool
        switch candidates[k].test {
        case .integer:
          if let v = ValueParser.integer(p, n) { integerRead = true; integerValue = v }
          ok = integerRead
        case .decimal:
          var v: Double?
          if integerRead { v = Double(integerValue) } else { v = ValueParser.decimal(p, n) }
          ok = v != nil
          decimalRead = ok
          if let v {
            if v < candidates[k].low { candidates[k].low = v }
            if v > candidates[k].high { candidates[k].high = v }
          }
        case .number(let pattern):
          if integerRead || (decimalRead && pattern.decimalMark == 46) {
            ok = true
          } else {
            let v = pattern.parse(p, n)
            ok = v != nil
            if let v, v != v.rounded() { candidates[k].integral = false }
          }
          if ok && !integerRead && candidates[k].integral && memchr(p, Int32(pattern.decimalMark), n) != nil {
            candidates[k].integral = false
          }
        case .boolean: ok = ValueParser.boolean(p, n) != nil
        case .iso: ok = ValueParser.isDateTime(p, n)
        case .date(let pattern): ok = pattern.parse(p, n) != nil
        case .given(let reader): ok = reader.instant(p, n) != nil
        }
        if !ok {
          candidates[k].failures += 1
          if candidates[k].examples.count < 3 {
            // A message quotes the start of a value: a 100 MB field must not be copied into it.
            let shown = ColumnProfile.Unparsed.shownBytes
            var text = String(decoding: UnsafeBufferPointer(start: p, count: min(n, shown)), as: UTF8.self)
            if n > shown { text += "…" }
            candidates[k].examples.append(.init(row: row, text: text))
          }
          if killing && candidates[k].failures > values / 4 + 16 {
            candidates[k].alive = false
            removed = true
          }
        }
      }
      if removed {
        active = active.filter { candidates[$0].alive }
        noteActive()
      }
    }
  }
}
