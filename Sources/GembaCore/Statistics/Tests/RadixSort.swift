/// Sorting finite doubles by their bits, in linear time: a least-significant-digit radix sort
/// over keys that order as the values do (flip every bit of a negative, the sign bit of a
/// positive). The ranks, medians and order statistics of a million values cost a few passes
/// over memory instead of a comparison sort. Results are the comparison sort's: equal values
/// are indistinguishable, and −0 sorts next to +0.
enum RadixSort {
  /// Below this many values the standard library's sort is as fast.
  static let threshold = 2_048

  @inline(__always) static func key(_ x: Double) -> UInt64 {
    let bits = x.bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
  }

  @inline(__always) static func value(_ key: UInt64) -> Double {
    Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
  }

  /// Whole values spanning fewer than this many units (minutes, counts, scores) are sorted by
  /// counting them: one read to count, one write, and no keys scattered.
  static let countingSpan = 1 << 16

  /// The least value and how many units the values span, when every value is whole (and not −0,
  /// which would come out as 0) and they span fewer than `countingSpan`; nil otherwise.
  static func wholeSpan(_ values: [Double]) -> (low: Int, span: Int)? {
    var lo = Double.infinity, hi = -Double.infinity
    for x in values {
      guard x == x.rounded(.towardZero), x.bitPattern != (1 << 63) else { return nil }
      if x < lo { lo = x }
      if x > hi { hi = x }
    }
    guard lo <= hi, hi - lo < Double(countingSpan), abs(lo) < 1e15 else { return nil }
    return (Int(lo), Int(hi - lo) + 1)
  }

  /// The values in ascending order.
  static func sorted(_ values: [Double]) -> [Double] {
    let n = values.count
    guard n >= threshold else { return values.sorted() }
    if let (low, span) = wholeSpan(values) {
      var counts = [Int](repeating: 0, count: span)
      for x in values { counts[Int(x) - low] += 1 }
      return [Double](unsafeUninitializedCapacity: n) { out, count in
        var k = 0
        for d in 0..<span where counts[d] > 0 {
          out.baseAddress!.advanced(by: k).initialize(repeating: Double(low + d), count: counts[d])
          k += counts[d]
        }
        count = n
      }
    }
    // The keys are sorted in the result's own memory and turned back into values there: the
    // only other memory is the scratch, touched only by passes that move keys.
    let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
    defer { scratch.deallocate() }
    return [Double](unsafeUninitializedCapacity: n) { out, count in
      out.withMemoryRebound(to: UInt64.self) { keys in
        values.withUnsafeBufferPointer { v in for i in 0..<n { keys[i] = key(v[i]) } }
        if sort(keys, scratch, nil, nil) { _ = keys.update(fromContentsOf: scratch) }
        for i in 0..<n { keys[i] = value(keys[i]).bitPattern }
      }
      count = n
    }
  }

  /// The values in ascending order, each with its tag (a position, a group), equal values in
  /// the order given.
  static func sorted(_ values: [Double], carrying tags: [Int32]) -> (values: [Double], tags: [Int32]) {
    precondition(tags.count == values.count, "a tag per value")
    let n = values.count
    guard n >= threshold else {
      let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
      return (order.map { values[$0] }, order.map { tags[$0] })
    }
    if let (low, span) = wholeSpan(values) {
      // Counted, then each tag placed after those of smaller values and of the same value given before it.
      var next = [Int](repeating: 0, count: span)
      for x in values { next[Int(x) - low] += 1 }
      var total = 0
      for d in 0..<span { let c = next[d]; next[d] = total; total += c }
      let sorted = [Double](unsafeUninitializedCapacity: n) { out, count in
        for d in 0..<span {
          let end = d + 1 < span ? next[d + 1] : n
          if end > next[d] {
            out.baseAddress!.advanced(by: next[d]).initialize(repeating: Double(low + d), count: end - next[d])
          }
        }
        count = n
      }
      let placed = [Int32](unsafeUninitializedCapacity: n) { out, count in
        for i in 0..<n {
          let d = Int(values[i]) - low
          out[next[d]] = tags[i]
          next[d] += 1
        }
        count = n
      }
      return (sorted, placed)
    }
    let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
    let tagScratch = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
    defer { scratch.deallocate(); tagScratch.deallocate() }
    var tags = tags
    let sorted = [Double](unsafeUninitializedCapacity: n) { out, count in
      out.withMemoryRebound(to: UInt64.self) { keys in
        values.withUnsafeBufferPointer { v in for i in 0..<n { keys[i] = key(v[i]) } }
        tags.withUnsafeMutableBufferPointer { t in
          if sort(keys, scratch, t, tagScratch) {
            _ = keys.update(fromContentsOf: scratch)
            _ = t.update(fromContentsOf: tagScratch)
          }
        }
        for i in 0..<n { keys[i] = value(keys[i]).bitPattern }
      }
      count = n
    }
    return (sorted, tags)
  }

  /// Six passes of 11 bits, skipping a pass when every key has the same digit there; `carried`
  /// moves with the keys. The buffers swap roles each pass that moves: true when the sorted keys
  /// (and carried values) ended in the scratch buffers.
  private static func sort(
    _ keys: UnsafeMutableBufferPointer<UInt64>, _ scratch: UnsafeMutableBufferPointer<UInt64>,
    _ carried: UnsafeMutableBufferPointer<Int32>?, _ carriedScratch: UnsafeMutableBufferPointer<Int32>?
  ) -> Bool {
    let n = keys.count
    var (from, to) = (keys, scratch)
    var (carriedFrom, carriedTo) = (carried, carriedScratch)
    var swapped = false
    // Every pass's digit counts in one read of the keys.
    var counts = [Int](repeating: 0, count: 6 * 2048)
    counts.withUnsafeMutableBufferPointer { c in
      for i in 0..<n {
        let k = keys[i]
        for pass in 0..<6 { c[pass * 2048 + Int((k >> UInt64(pass * 11)) & 2047)] += 1 }
      }
    }
    for pass in 0..<6 {
      let shift = UInt64(pass * 11)
      let base = pass * 2048
      if counts[base..<(base + 2048)].contains(n) { continue }  // one digit for all: this pass would not move anything
      var start = [Int](repeating: 0, count: 2048)
      var total = 0
      for d in 0..<2048 {
        start[d] = total
        total += counts[base + d]
      }
      start.withUnsafeMutableBufferPointer { start in
        if let p = carriedFrom, let pOut = carriedTo {
          for i in 0..<n {
            let d = Int((from[i] >> shift) & 2047)
            to[start[d]] = from[i]
            pOut[start[d]] = p[i]
            start[d] += 1
          }
        } else {
          for i in 0..<n {
            let d = Int((from[i] >> shift) & 2047)
            to[start[d]] = from[i]
            start[d] += 1
          }
        }
      }
      swap(&from, &to)
      swap(&carriedFrom, &carriedTo)
      swapped.toggle()
    }
    return swapped
  }
}
