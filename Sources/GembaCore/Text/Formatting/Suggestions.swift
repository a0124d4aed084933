/// "Did you mean …?" notes for evidence names, columns and stage verbs; the matching
/// itself is the language's `Suggestion`, so every part of gemba guesses alike.
enum Suggestions {
  /// The note for a diagnostic: "did you mean `team`?", or nil.
  static func note(for word: String, in candidates: [String]) -> String? {
    Suggestion.nearest(to: word, in: candidates).map { "did you mean `\($0)`?" }
  }
}
