/// Groups of similar wordings: the connected components of "similar" (Jaccard ≥ 0.5) among
/// the distinct word sets of one category. Components do not depend on the order notebooks
/// were indexed in, and a group is named by its smallest key, so the same register gives the
/// same groups however it was built.
enum WordingGroups {
  struct Wording: Hashable, Comparable {
    var category: String
    var key: String
    static func < (a: Self, b: Self) -> Bool { (a.category, a.key) < (b.category, b.key) }
  }

  /// Each wording's group name: the smallest key of its component.
  static func groups(of wordings: [Wording]) -> [Wording: String] {
    var result: [Wording: String] = [:]
    let byCategory = Dictionary(grouping: Set(wordings), by: \.category)
    for category in byCategory.keys.sorted() {
      let members = byCategory[category]!.sorted()
      let terms = members.map { $0.key.split(separator: " ").map(String.init) }
      var parent = Array(members.indices)
      func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
          parent[x] = parent[parent[x]]
          x = parent[x]
        }
        return x
      }
      // Candidates share a word: an inverted index keeps this from being all pairs.
      var postings: [String: [Int]] = [:]
      for (index, words) in terms.enumerated() {
        var candidates: Set<Int> = []
        for word in words { candidates.formUnion(postings[word, default: []]) }
        for other in candidates where find(other) != find(index) && Terms.similar(words, terms[other]) {
          // The smaller index (the smaller key) stays the root: the group's name.
          let (a, b) = (find(other), find(index))
          parent[max(a, b)] = min(a, b)
        }
        for word in words { postings[word, default: []].append(index) }
      }
      for index in members.indices { result[members[index]] = members[find(index)].key }
    }
    return result
  }
}
