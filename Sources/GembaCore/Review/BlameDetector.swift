/// Why a statement blames a person: the sentence, who is blamed, and what they are said to have
/// done or been — quoted as written, so `check` can say why.
public struct BlameFinding: Sendable, Equatable {
  public var sentence: String
  /// The person, role or name as written (`Dispatcher Maria`); nil when the statement names
  /// no one (`Human error`, `Forgot to scan the pallet`).
  public var subject: String?
  /// The failing as written: `did not read`, `made a mistake`, `lack of training`, `Operator error`.
  public var predicate: String

  /// `"Dispatcher Maria" "did not read"`, or `"Human error"`.
  public var quoted: String { (subject.map { "\"\($0)\" " } ?? "") + "\"\(predicate)\"" }
}

/// Finds blame in a root-cause statement by the sentence, not by a word list.
///
/// A statement blames a person when a person, a role, a name or a pronoun is the *subject* (or
/// the possessor) of a failing: "Dispatcher Maria did not read the photo notes", "Operator
/// error", "Maria's mistake", "Staff lack of training". It does not when a process, system, tool
/// or document is the subject of the shortfall, even with a role in it as object ("The screen
/// does not show the notes to the dispatcher"), when the person only receives or cannot do
/// something ("Agents cannot see the date", "Operators were never given the drawing"), when
/// the slip is explained by the process in the same statement ("… because the checklist has no
/// torque step", "easy to forget"), or when the blame is reported and contradicted ("The review
/// blamed the operator, but …").
///
/// How: the statement is split into sentences and clauses (at `;`, `because`, `but`, `so` …);
/// in each clause the failing predicates are found, and the subject is the noun phrase before
/// the clause's first verb. Its head word decides: a known role, a pronoun for people, or a
/// capitalised name is a person; anything else is a thing.
public enum BlameDetector {
  /// The first place `text` blames a person, or nil when it does not.
  /// - Parameter things: lower-cased words this investigation uses for things (its steps,
  ///   evidence and standards: `jira`, `intake`), which a capital never makes a name.
  public static func find(in text: String, things: Set<String> = []) -> BlameFinding? {
    let clauses = self.clauses(of: text, things: things)
    let contrasted = clauses.contains { $0.connector.map(contrasts.contains) ?? false }
    for (i, clause) in clauses.enumerated() {
      // Reported blame set against a contrast is quoted, not claimed.
      if contrasted && clause.words.contains(where: { reporting.contains($0.lower) }) { continue }
      guard let (match, subject) = blame(in: clause.words) else { continue }
      if explainedByTheProcess(i, in: clauses, after: match.predicate.upperBound) { continue }
      let w = clause.words
      return BlameFinding(
        sentence: clause.sentence, subject: subject.map { quote(w[$0], possessive: false) },
        predicate: quote(w[match.predicate]))
    }
    return nil
  }

  /// The first blaming predicate in a clause, with its subject.
  static func blame(in w: [Word]) -> (Match, Range<Int>?)? {
    let lower = w.map(\.lower)
    func turnedAround(_ start: Int) -> Bool {
      let before = Array(lower[max(0, start - 3)..<start])
      return Check.blameTurnedAround.contains { $0.firstMatch(in: before) != nil }
    }
    let verbal = verbalMatches(w).filter { !turnedAround($0.predicate.lowerBound) }
    let nominal = nominalMatches(w).filter { !turnedAround($0.predicate.lowerBound) }
    var found: [(Match, Range<Int>?)] = nominal.map { ($0, $0.subject) }
    for match in verbal {
      let start = w.indices.first { !openers.contains(w[$0].lower) } ?? w.count
      if let subject = subject(before: match.predicate.lowerBound, in: w) {
        if isPerson(w[subject]) { found.append((match, subject)) }
      } else if match.predicate.lowerBound <= start {
        // A fragment that opens with the failing ("Forgot to scan the pallet") leaves out a person.
        found.append((match, nil))
      }
    }
    return found.min { $0.0.predicate.lowerBound < $1.0.predicate.lowerBound }
  }

  /// The subject of the verb at `predicate`: the phrase just before it when an `and` starts a
  /// new one ("… and the operator skipped"), else the phrase before the clause's first verb.
  static func subject(before predicate: Int, in w: [Word]) -> Range<Int>? {
    if let and = (0..<predicate).last(where: { w[$0].lower == "and" }), and + 1 < predicate,
      !(and + 1..<predicate).contains(where: { isVerb(at: $0, in: w) })
    {
      return (and + 1)..<predicate
    }
    var start = 0
    while start < predicate, openers.contains(w[start].lower) { start += 1 }
    var end = start
    while end < predicate, !isVerb(at: end, in: w), !relatives.contains(w[end].lower) { end += 1 }
    return start < end ? start..<end : nil
  }

  static let relatives: Set<String> = ["who", "that", "which", "whom", "whose"]

  /// A slip explained by the process in the same statement has reached the process:
  /// "X skipped the check because the checklist has no step", "the screen hides it, so X missed it",
  /// "X skipped it due to a missing step".
  static func explainedByTheProcess(_ i: Int, in clauses: [Clause], after end: Int) -> Bool {
    func systemic(_ c: Clause) -> Bool {
      guard blame(in: c.words) == nil, let s = subject(before: c.words.count, in: c.words) else { return false }
      return !isPerson(c.words[s])
    }
    let clause = clauses[i]
    if i + 1 < clauses.count, clauses[i + 1].sentence == clause.sentence,
      ["because", "since"].contains(clauses[i + 1].connector ?? ""), systemic(clauses[i + 1])
    {
      return true
    }
    if i > 0, clauses[i - 1].sentence == clause.sentence, ["so", "therefore"].contains(clause.connector ?? ""),
      systemic(clauses[i - 1])
    {
      return true
    }
    let w = clause.words
    for j in end..<max(end, w.count - 1) {
      let pair = (w[j].lower, w[j + 1].lower)
      guard pair == ("because", "of") || pair == ("due", "to") || pair == ("owing", "to") else { continue }
      let cause = Array(w[(j + 2)...])
      return !cause.isEmpty && !cause.contains { isRole($0) || personPronouns.contains($0.lower) }
        && blame(in: cause) == nil
    }
    return false
  }

  // MARK: - Words as parts of a sentence

  /// A verb or auxiliary: known ones, and `-ed` words followed by what follows verbs
  /// (`closed the ticket`; but `the experienced operator` is an adjective).
  static func isVerb(at i: Int, in w: [Word]) -> Bool {
    let x = w[i].lower
    if verbs.contains(x) || slipVerbs.contains(x) { return true }
    guard x.hasSuffix("ed"), x.count > 4 else { return false }
    guard i + 1 < w.count else { return true }
    let next = w[i + 1].lower
    return determiners.contains(next) || prepositions.contains(next) || personPronouns.contains(next)
      || ["it", "them", "him", "no", "not", "up", "out", "down"].contains(next)
  }

  /// A role or a word for people, singular or plural (`operator`, `operators`, `night-shift`).
  static func isRole(_ word: Word) -> Bool {
    let stem = word.stem
    if roles.contains(stem) || irregularPlurals[stem] != nil { return true }
    if stem.hasSuffix("es"), roles.contains(String(stem.dropLast(2))) { return true }
    return stem.hasSuffix("s") && roles.contains(String(stem.dropLast()))
  }

  /// Whether a noun phrase names people: its head (the last word before any preposition) is a
  /// role, a pronoun for people, or a name. "No one" and "nothing" name nobody.
  static func isPerson(_ phrase: ArraySlice<Word>) -> Bool {
    var core = phrase.prefix { !prepositions.contains($0.lower) }
    let determined = core.first.map { determiners.contains($0.lower) } ?? false
    core = core.drop { determiners.contains($0.lower) }
    guard let first = core.first, let head = core.last, !absent.contains(first.lower) else { return false }
    if first.lower == "no" && core.dropFirst().first?.lower == "one" { return false }
    if personPronouns.contains(head.lower) || isRole(head) { return true }
    return isName(head, alone: core.count == 1 && !determined)
  }

  /// A capitalised word is a name unless the capital only marks a sentence's start. There, a
  /// word alone as subject counts as a name (`Maria forgot`) unless it looks like a plural or a
  /// gerund (`Backups`, `Onboarding`). A word known as a thing (a tool everyone names, or this
  /// investigation's own step, evidence or standard) is never a name: `Jira did not send it`.
  static func isName(_ word: Word, alone: Bool) -> Bool {
    guard word.isCapitalised, !word.isThing else { return false }
    if !word.sentenceInitial { return true }
    return alone && !word.lower.hasSuffix("s") && !word.lower.hasSuffix("ing")
  }
}
