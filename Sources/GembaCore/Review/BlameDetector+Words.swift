extension BlameDetector {
  /// One word of a statement: as written (for quoting back) and lower-cased (for matching).
  struct Word: Sendable, Equatable {
    /// As written, without a possessive `'s`; empty for the `not` of a contraction (`didn't`
    /// is `did` written "didn't" and `not` written ""), so quoting joins back to the original.
    var text: String
    var lower: String
    /// `Maria's`, `operators'`.
    var possessive = false
    /// The first word of its sentence, where a capital says nothing about a name.
    var sentenceInitial = false
    /// A word for a thing in this statement's investigation or a tool everyone names.
    var isThing = false

    /// Starts with a capital and is not an acronym (`Maria`, not `SAP`).
    var isCapitalised: Bool {
      guard let first = text.first, first.isUppercase else { return false }
      return text.dropFirst().contains { $0.isLowercase }
    }

    /// The last part of a hyphenated word (`night-shift` → `shift`, `co-worker` → `worker`).
    var stem: String { String(lower.split(separator: "-").last ?? Substring(lower)) }
  }

  /// A stretch of a sentence with its own subject and verb, split at `;`, `:` and connectives.
  struct Clause: Sendable {
    var words: [Word]
    /// The word that opened it (`because`, `but`, `so`), nil for the first clause of a sentence.
    var connector: String?
    var sentence: String
  }

  /// Words that end one clause and open the next.
  static let connectors: Set<String> = [
    "but", "because", "since", "so", "therefore", "however", "although", "though", "whereas", "yet", "while",
  ]

  /// The statement's clauses, sentence by sentence.
  static func clauses(of text: String, things: Set<String> = []) -> [Clause] {
    sentences(of: text).flatMap { sentence -> [Clause] in
      var out: [Clause] = []
      var current: [Word] = []
      var connector: String?
      func close() {
        if !current.isEmpty { out.append(Clause(words: current, connector: connector, sentence: sentence)) }
        current = []
      }
      let words = self.words(of: sentence).map { word -> Word in
        var word = word
        word.isThing = things.contains(word.lower) || tools.contains(word.lower)
        return word
      }
      for (i, word) in words.enumerated() {
        if word.lower == ";" || word.lower == ":" { close(); connector = nil; continue }
        // `because of` and `so that` stay inside their clause: they name a cause or a purpose.
        let next = i + 1 < words.count ? words[i + 1].lower : ""
        if connectors.contains(word.lower), !(word.lower == "because" && next == "of"),
          !(word.lower == "so" && next == "that")
        {
          close()
          connector = word.lower
          continue
        }
        current.append(word)
      }
      close()
      return out
    }
  }

  /// Sentences, split after `.`, `!` or `?` — but not after an initial (`Agent K. Smith`) or a
  /// common abbreviation (`e.g.`, `Dr.`).
  static func sentences(of text: String) -> [String] {
    var out: [String] = []
    var current = ""
    for chunk in text.split(whereSeparator: \.isWhitespace) {
      current += (current.isEmpty ? "" : " ") + chunk
      guard let last = chunk.last, ".!?".contains(last) else { continue }
      let bare = chunk.dropLast().filter { $0.isLetter }
      if last == ".", bare.count == 1 || abbreviations.contains(bare.lowercased()) { continue }
      out.append(current)
      current = ""
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  static let abbreviations: Set<String> = ["dr", "mr", "mrs", "ms", "st", "eg", "ie", "vs", "no", "approx", "dept"]

  /// The words of one sentence: punctuation around words dropped (`;` and `:` kept as words,
  /// since they end clauses), contractions opened (`didn't` → `did` `not`), possessives marked.
  static func words(of sentence: String) -> [Word] {
    var out: [Word] = []
    let plain = String(sentence.map { $0 == "\u{2019}" || $0 == "\u{2018}" ? "'" : $0 })
    for chunk in plain.split(whereSeparator: \.isWhitespace) {
      var core = Substring(chunk)
      var boundary: String?
      while let last = core.last, !(last.isLetter || last.isNumber) {
        if last == ";" || last == ":" { boundary = String(last) }
        // A lone initial keeps its dot: `K.` is part of a name.
        if last == ".", core.dropLast().count == 1, core.first?.isUppercase == true { break }
        if last == "'", core.dropLast().last == "s" { break }
        core = core.dropLast()
      }
      core = core.drop { !($0.isLetter || $0.isNumber) }
      if !core.isEmpty { out += word(String(core)) }
      if let boundary { out.append(Word(text: boundary, lower: boundary)) }
    }
    if !out.isEmpty { out[0].sentenceInitial = true }
    return out
  }

  private static func word(_ text: String) -> [Word] {
    let lower = text.lowercased()
    if let expanded = contractions[lower] {
      return [Word(text: text, lower: expanded.0), Word(text: "", lower: expanded.1)]
    }
    if lower.hasSuffix("n't") {
      return [Word(text: text, lower: String(lower.dropLast(3))), Word(text: "", lower: "not")]
    }
    if lower.hasSuffix("'s") {
      let stem = String(text.dropLast(2))
      if ["it", "he", "she", "that", "there", "what", "who"].contains(stem.lowercased()) {
        return [Word(text: text, lower: stem.lowercased()), Word(text: "", lower: "is")]
      }
      return [Word(text: stem, lower: stem.lowercased(), possessive: true)]
    }
    if lower.hasSuffix("s'") {
      return [Word(text: String(text.dropLast()), lower: String(lower.dropLast()), possessive: true)]
    }
    return [Word(text: text, lower: lower)]
  }

  /// Contractions whose first part is not the word minus `n't`.
  static let contractions: [String: (String, String)] = [
    "can't": ("can", "not"), "cannot": ("can", "not"), "won't": ("will", "not"), "shan't": ("shall", "not"),
    "didnt": ("did", "not"), "dont": ("do", "not"), "doesnt": ("does", "not"), "wasnt": ("was", "not"),
    "werent": ("were", "not"), "should've": ("should", "have"),
  ]

  /// Words as written, joined, skipping the silent halves of contractions.
  /// - Parameter possessive: keep a possessive's `'s` (`Maria's mistake`, but the subject is `Maria`).
  static func quote(_ words: some Sequence<Word>, possessive: Bool = true) -> String {
    words.filter { !$0.text.isEmpty }.map { $0.text + (possessive && $0.possessive ? "'s" : "") }.joined(separator: " ")
  }
}
