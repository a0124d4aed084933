extension Check {
  /// A phrase to look for in free text, word by word, ignoring case and punctuation.
  /// A word written `forg*` matches any word starting with `forg`; other words
  /// match themselves or their plural (`step` matches `steps`).
  struct Phrase: Sendable {
    let words: [Substring]

    init(_ text: String) { words = text.split(separator: " ") }

    /// Where the phrase starts in `tokens`, if it occurs.
    func firstMatch(in tokens: [String]) -> Int? {
      guard !words.isEmpty, tokens.count >= words.count else { return nil }
      return (0...(tokens.count - words.count)).first { start in
        zip(words, tokens[start...]).allSatisfy { Phrase.matches($0, $1) }
      }
    }

    private static func matches(_ pattern: Substring, _ token: String) -> Bool {
      if pattern.hasSuffix("*") { return token.hasPrefix(pattern.dropLast()) }
      return token == pattern || token == pattern + "s" || token == pattern + "es"
    }
  }

  /// The words of `text`, lower-cased, with typographic apostrophes made plain,
  /// keeping `didn't` and `re-train` whole.
  static func tokens(_ text: String) -> [String] {
    let plain = String(text.lowercased().map { $0 == "\u{2019}" ? "'" : $0 })
    return plain.split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "-") }
      .map { word in
        // Quotes and dashes around a word are punctuation, not part of it.
        let inner = word.drop { $0 == "'" || $0 == "-" }
        return String(inner.reversed().drop { $0 == "'" || $0 == "-" }.reversed())
      }
      .filter { !$0.isEmpty }
  }

  /// The earliest of `phrases` in `text` (the longest where two start together),
  /// as the words that matched (`"retrain"`).
  static func find(_ phrases: [Phrase], in text: String) -> String? {
    let words = tokens(text)
    var best: (start: Int, count: Int)?
    for phrase in phrases {
      guard let start = phrase.firstMatch(in: words) else { continue }
      if let b = best, b.start < start || (b.start == start && b.count >= phrase.words.count) { continue }
      best = (start, phrase.words.count)
    }
    return best.map { words[$0.start..<($0.start + $0.count)].joined(separator: " ") }
  }

  /// Words before a failing that describe the process making the mistake likely (`easy to forget`);
  /// `BlameDetector` reads them.
  static let blameTurnedAround: [Phrase] = ["easy to", "easier to", "likely to", "hard not to", "prone to"]
    .map(Phrase.init)

  /// Actions that change people, not the process: retraining, reminding, warning.
  static let retrain: [Phrase] = [
    "retrain*", "re-train*", "train*", "refresher*", "remind*", "re-brief*", "rebrief*", "reiterat*",
    "re-educat*", "educat*", "coach*", "counsel*", "awareness", "be careful", "be more careful",
    "more careful", "pay attention", "pay more attention", "warn*", "disciplin*", "reprimand*",
  ].map(Phrase.init)

  /// Words that say an action changes something (`add`, `update`, `replace`).
  /// With a process word they make an action more than retraining:
  /// "remind agents to check the wiki" changes nothing, "add a check to the form" does.
  static let change: [Phrase] = [
    "add", "added", "adding", "updat*", "chang*", "creat*", "merg*", "build", "automat*", "requir*", "replac*",
    "remov*", "introduc*", "redesign*", "standardi*", "new", "block*", "prevent*", "enforc*", "link*",
    "consolidat*", "fix*", "rewrit*", "revis*", "install*", "configur*", "make", "move*", "split*", "assign*",
  ].map(Phrase.init)

  /// Words that name the process, its parts and the means of changing it. A why
  /// chain whose last answer has none of these has not reached the process yet.
  static let process: [Phrase] = [
    "process*", "step", "polic*", "standard*", "check*", "system*", "handoff*", "hand-off*", "tool*",
    "form", "macro*", "template*", "procedure*", "sop", "workflow*", "rule", "field", "validat*",
    "automat*", "poka-yoke", "mistake-proof*", "error-proof*", "interface*", "screen", "software",
    "config*", "default*", "owner*", "queue*", "approval*", "review", "audit*", "instruction*",
    "guideline*", "guidance", "requirement*", "wiki", "knowledge", "kb", "manual", "script*", "layout",
    "label*", "alert*", "onboarding", "schedul*", "staffing", "design*", "single source", "document*",
  ].map(Phrase.init)
}
