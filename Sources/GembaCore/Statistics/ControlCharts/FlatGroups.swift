/// Items gathered into groups and held flat: the items group after group in one array, and where
/// each group starts. A million rows in groups of five are two arrays, not 200,000.
struct FlatGroups<Element> {
  /// The items, group after group; within a group in the order given.
  var elements: [Element]
  /// Where each kept group starts in `elements`, then `elements.count`.
  var starts: [Int]
  /// The group numbers that received an item, ascending (one per start but the last).
  var kept: [Int]

  var count: Int { starts.count - 1 }

  subscript(i: Int) -> ArraySlice<Element> { elements[starts[i]..<starts[i + 1]] }
}

extension FlatGroups {
  /// Items 0..<count placed by `group` (nil: left out) into groups 0..<groups: one pass counts
  /// each group, one places each item. Groups that receive nothing are dropped.
  init(count: Int, groups: Int, group: (Int) -> Int?, element: (Int) -> Element) {
    var sizes = [Int](repeating: 0, count: groups)
    for i in 0..<count { if let g = group(i) { sizes[g] += 1 } }
    kept = sizes.indices.filter { sizes[$0] > 0 }
    var next = [Int](repeating: 0, count: groups)
    starts = [0]
    starts.reserveCapacity(kept.count + 1)
    for g in kept {
      next[g] = starts[starts.count - 1]
      starts.append(next[g] + sizes[g])
    }
    let total = starts[starts.count - 1]
    elements = [Element](unsafeUninitializedCapacity: total) { out, initialized in
      for i in 0..<count {
        guard let g = group(i) else { continue }
        (out.baseAddress! + next[g]).initialize(to: element(i))
        next[g] += 1
      }
      initialized = total
    }
  }
}
