/// The words of a cause or problem statement as the register compares them: lowercased,
/// split at anything not a letter or digit, stop words dropped, each word cut to a simple
/// stem, as a sorted set. Two statements are similar when the Jaccard index of their sets
/// (shared words ÷ all words) is at least 0.5 — `docs/register.md` gives the rule in full.
public enum Terms {
  /// A cut-down English stop-word list: words that carry no meaning about a cause.
  static let stopWords: Set<String> = [
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "from", "with", "without",
    "into", "onto", "over", "under", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this",
    "that", "these", "those", "there", "their", "they", "them", "he", "she", "we", "you", "i", "his", "her", "our",
    "your", "not", "no", "so", "than", "then", "too", "very", "can", "could", "do", "does", "did", "has", "have",
    "had", "will", "would", "should", "may", "might", "must", "only", "all", "any", "some", "each", "every", "which",
    "who", "whom", "what", "when", "where", "why", "how", "if", "about", "after", "before", "up", "down", "out",
    "off", "again", "also", "just", "more", "most", "other", "such", "same", "own", "one",
  ]

  /// The sorted, distinct stems of `text`.
  public static func of(_ text: String) -> [String] {
    var words: Set<String> = []
    var current = ""
    func flush() {
      defer { current = "" }
      guard !current.isEmpty, !stopWords.contains(current) else { return }
      words.insert(stem(current))
    }
    for character in text.lowercased() {
      if character.isLetter || character.isNumber { current.append(character) } else { flush() }
    }
    flush()
    return words.sorted()
  }

  /// Suffix stripping, in order, keeping at least three letters: `-ies`→`-y`, `-ing`, `-ed`,
  /// `-es`, `-s` (not `-ss`), `-ly`. Crude, but it makes "labels"/"label" and
  /// "scanned"/"scan…" meet, and it is the same on every run.
  public static func stem(_ word: String) -> String {
    func cut(_ suffix: String, _ replacement: String = "") -> String? {
      guard word.hasSuffix(suffix), word.count - suffix.count >= 3 else { return nil }
      return String(word.dropLast(suffix.count)) + replacement
    }
    if let w = cut("ies", "y") { return w }
    if let w = cut("ing") { return undouble(w) }
    if let w = cut("ed") { return undouble(w) }
    if word.hasSuffix("sses") { return String(word.dropLast(2)) }
    if word.hasSuffix("ss") { return word }
    if let w = cut("es"), w.hasSuffix("x") || w.hasSuffix("ch") || w.hasSuffix("sh") { return w }
    if let w = cut("s") { return w }
    if let w = cut("ly") { return w }
    return word
  }

  /// `scann` → `scan`, `stopp` → `stop`: a doubled final consonant left by `-ing`/`-ed`.
  private static func undouble(_ word: String) -> String {
    guard let last = word.last, word.count >= 4, word.dropLast().last == last, !"aeiouls".contains(last) else {
      return word
    }
    return String(word.dropLast())
  }

  /// The key stored in the register: the stems joined by single spaces.
  public static func key(_ terms: [String]) -> String { terms.joined(separator: " ") }

  /// |A ∩ B| ÷ |A ∪ B| ≥ 0.5, in integers: 2·|A ∩ B| ≥ |A ∪ B|. Two empty sets are not similar.
  public static func similar(_ a: [String], _ b: [String]) -> Bool {
    guard !a.isEmpty, !b.isEmpty else { return false }
    var shared = 0, i = 0, j = 0
    while i < a.count, j < b.count {
      if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
    }
    return 2 * shared >= a.count + b.count - shared
  }
}
