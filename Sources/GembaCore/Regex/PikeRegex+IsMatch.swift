/// Whether a line holds a match, without where: the question `grep`, `where ~` and a log's
/// pattern ask of every line. Threads carry no captures, and the search stops at the first
/// thread to reach the end of the pattern, so it does a fraction of `firstMatch`'s work; the
/// required literals (`RequiredLiterals`) turn most lines away before the VM starts.
extension PikeRegex {
  func matches(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    if let prefilter, !prefilter.occurs(p, 0, n) { return false }
    return isMatch(p, n)
  }

  /// The Pike VM without captures: a sparse set of program counters per position.
  func isMatch(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let size = program.count
    return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * size) { buffer in
      let memory = buffer.baseAddress!
      var current = memory, next = memory + size
      let seen = memory + 2 * size  // the generation that last added each pc
      for k in 0..<size { seen[k] = -1 }
      var currentCount = 0, nextCount = 0
      var generation: Int32 = 0

      // Follows jumps, splits and anchors from pc; true when it reaches the match.
      func add(_ list: UnsafeMutablePointer<Int32>, _ count: inout Int, _ pc: Int, _ pos: Int) -> Bool {
        if seen[pc] == generation { return false }
        seen[pc] = generation
        switch program[pc] {
        case .jump(let to): return add(list, &count, to, pos)
        case .split(let a, let b): return add(list, &count, a, pos) || add(list, &count, b, pos)
        case .save: return add(list, &count, pc + 1, pos)
        case .lineStart: return pos == 0 && add(list, &count, pc + 1, pos)
        case .lineEnd: return pos == n && add(list, &count, pc + 1, pos)
        case .match: return true
        case .byte, .set:
          list[count] = Int32(pc)
          count += 1
          return false
        }
      }

      for pos in 0...n {
        // A new thread starts at every position (the search is unanchored).
        if add(current, &currentCount, 0, pos) { return true }
        guard pos < n else { break }
        generation += 1
        nextCount = 0
        let byte = p[pos]
        for t in 0..<currentCount {
          let pc = Int(current[t])
          switch program[pc] {
          case .byte(let b): if byte == b, add(next, &nextCount, pc + 1, pos + 1) { return true }
          case .set(let s): if s.contains(byte), add(next, &nextCount, pc + 1, pos + 1) { return true }
          case .split, .jump, .save, .lineStart, .lineEnd, .match: break  // never in a list
          }
        }
        swap(&current, &next)
        currentCount = nextCount
      }
      return false
    }
  }
}
