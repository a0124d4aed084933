/// "Did you mean …?" — the nearest candidates by edit distance.
public enum Suggestion {
  /// The candidate closest to `word`, if it is close enough to be a plausible typo.
  public static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
    let candidates = Array(candidates)
    let lowered = word.lowercased()
    var best: (String, Int)?
    for candidate in candidates {
      let d = distance(lowered, candidate.lowercased())
      if best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) {
        best = (candidate, d)
      }
    }
    guard let (candidate, d) = best else { return nil }
    let limit = max(1, min(3, (max(word.count, candidate.count) + 1) / 3))
    if d <= limit { return candidate }
    // A prefix is a plausible typo too ("conf" for "confirm"), even when a shorter word is nearer.
    guard lowered.count >= 2 else { return nil }
    return candidates.filter { $0.lowercased().hasPrefix(lowered) }.min { ($0.count, $0) < ($1.count, $1) }
  }

  /// Levenshtein distance over Characters.
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
