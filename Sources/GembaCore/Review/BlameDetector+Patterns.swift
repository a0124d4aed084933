extension BlameDetector {
  /// A blaming phrase in a clause: where it is and, for a nominal one, whom it names.
  struct Match: Sendable {
    var predicate: Range<Int>
    /// Verbal predicates need a person as their grammatical subject; nominal ones carry their own.
    var verbal: Bool
    var subject: Range<Int>?
  }

  static let beForms: Set<String> = ["is", "are", "was", "were", "be", "been", "being", "am"]
  static let haveForms: Set<String> = ["has", "have", "had"]
  static let undertrained: Set<String> = ["insufficiently", "poorly", "inadequately", "badly", "under-trained"]
  static let intensifiers: Set<String> = [
    "too", "very", "so", "quite", "clearly", "simply", "just", "properly", "adequately", "sufficiently", "fully",
  ]
  static let irregularPast: Set<String> = [
    "gave", "took", "chose", "sent", "put", "wrote", "read", "made", "got", "set", "hit", "ran", "brought", "sold",
  ]

  /// Verb phrases that say someone failed, in the order they occur: `did not read`, `forgot to`,
  /// `made a mistake`, `was careless`, `skipped`, `misread`, `picked the wrong`.
  static func verbalMatches(_ w: [Word]) -> [Match] {
    func at(_ i: Int) -> String { i >= 0 && i < w.count ? w[i].lower : "" }
    var out: [Match] = []
    func add(_ start: Int, _ end: Int) { out.append(Match(predicate: start..<min(end, w.count), verbal: true)) }
    for i in w.indices {
      let x = at(i)
      switch x {
      case "did"
      where at(i + 1) == "not" && !at(i + 2).isEmpty && !receivingVerbs.subtracting(["see"]).contains(at(i + 2)):
        add(i, i + 3)
      case _
      where ["does", "do"].contains(x) && at(i + 1) == "not" && !at(i + 2).isEmpty
        && !receivingVerbs.contains(at(i + 2)) && at(i + 2) != "have":
        add(i, i + 3)
      case _ where haveForms.contains(x) && (at(i + 1) == "not" || at(i + 1) == "never"):
        if at(i + 2) == "been" {
          if isUntrained(w, from: i + 3) { add(i, i + 4) }
        } else if at(i + 2).hasSuffix("ed") || slipVerbs.contains(at(i + 2)) {
          add(i, i + 3)
        }
      case "never" where !haveForms.contains(at(i - 1)):
        // `were never given` is passive: the person received nothing; `were never trained` still blames.
        if beForms.contains(at(i - 1)) {
          if isUntrained(w, from: i + 1) { add(i - 1, i + 2) }
        } else if !at(i + 1).isEmpty && !receivingVerbs.contains(at(i + 1)) && at(i + 1) != "been" {
          add(i, i + 2)
        }
      case _ where ["failed", "fail", "fails", "failing"].contains(x) && at(i + 1) == "to":
        add(i, i + 3)
      case _
      where ["forgot", "forget", "forgets", "neglected", "neglect", "neglects", "omitted", "omit", "omits"].contains(x)
        && at(i + 1) == "to" && at(i - 1) != "to":
        add(i, i + 3)
      case _
      where (slipVerbs.contains(x) || isMisVerb(x)) && at(i - 1) != "to"
        && !["let", "lets", "make", "makes", "helps"].contains(at(i - 1)):
        if !out.contains(where: { $0.predicate.contains(i) }) { add(i, i + 1) }
      case "should" where at(i + 1) == "have":
        add(i, i + 3)
      case "made", "make", "makes", "making":
        var j = i + 1
        if ["a", "an"].contains(at(j)) { j += 1 }
        if !slipNouns.contains(at(j)) { j += 1 }  // one adjective: `a costly mistake`
        if slipNouns.contains(at(j)) && at(j) != "fault" && at(j) != "failure" { add(i, j + 1) }
      case _ where beForms.contains(x):
        var j = i + 1
        let negated = at(j) == "not" || at(j) == "never"
        if negated { j += 1 }
        var undertrainedBy = false
        while intensifiers.contains(at(j)) || undertrained.contains(at(j)) {
          undertrainedBy = undertrained.contains(at(j)) || undertrainedBy; j += 1
        }
        let y = at(j)
        if traits.contains(y) || (negated && virtues.contains(y)) || (undertrainedBy && y == "trained") {
          add(i, j + (y == "paying" && at(j + 1) == "attention" ? 2 : 1))
        }
      case "not"
      where !beForms.contains(at(i - 1))
        && !["did", "does", "do", "can", "could", "will", "would", "should", "must", "may", "might"].contains(at(i - 1))
        && !haveForms.contains(at(i - 1)):
        // A fragment: `Staff not paying attention`.
        if virtues.contains(at(i + 1)) { add(i, i + (at(i + 1) == "paying" && at(i + 2) == "attention" ? 3 : 2)) }
      case _ where ["lack", "lacked", "lacks", "lacking"].contains(x) && at(i + 1) != "of":
        var j = i + 1
        if ["the", "sufficient", "enough", "adequate", "proper", "any", "basic", "the", "necessary"].contains(at(j)) {
          j += 1
        }
        if personalQualities.contains(at(j)) || (competences.contains(at(j)) && !competenceThings.contains(at(j + 1))) {
          add(i, j + 1)
        }
      case "without" where checkingVerbs.contains(at(i + 1)):
        add(i, i + 2)
      case _
      where (x.hasSuffix("ed") || irregularPast.contains(x)) && !beForms.contains(x) && !haveForms.contains(x)
        && ["the", "a", "an"].contains(at(i + 1)) && ["wrong", "incorrect"].contains(at(i + 2)):
        add(i, i + 3)
      case _ where ["incorrectly", "wrongly", "improperly"].contains(x) && at(i + 1).hasSuffix("ed"):
        add(i, i + 2)
      case "took"
      where ["shortcut", "shortcuts", "a"].contains(at(i + 1)) && (at(i + 1) != "a" || at(i + 2) == "shortcut"):
        add(i, i + (at(i + 1) == "a" ? 3 : 2))
      case "cut" where at(i + 1) == "corners":
        add(i, i + 2)
      default:
        break
      }
    }
    return out.sorted { $0.predicate.lowerBound < $1.predicate.lowerBound }
  }

  /// `trained` after a negation, or `insufficiently trained`, from `j` on.
  static func isUntrained(_ w: [Word], from j: Int) -> Bool {
    guard j < w.count else { return false }
    if w[j].lower == "trained" || traits.contains(w[j].lower) { return true }
    return undertrained.contains(w[j].lower) && j + 1 < w.count && w[j + 1].lower == "trained"
  }

  /// `misread`, `mislabelled`, `misentered`: a slip by the shape of the word.
  static func isMisVerb(_ x: String) -> Bool {
    x.count > 6 && x.hasPrefix("mis") && x.hasSuffix("ed") && !x.hasPrefix("missed")
  }

  /// Noun phrases that blame: `operator error`, `carelessness of the picker`, `Maria's mistake`,
  /// `lack of attention`, `staff lack of training`, `untrained workers`, `careless handling`.
  static func nominalMatches(_ w: [Word]) -> [Match] {
    func at(_ i: Int) -> String { i >= 0 && i < w.count ? w[i].lower : "" }
    var out: [Match] = []
    for i in w.indices {
      let x = at(i)
      // `Operator error`, `human error`.
      if ["error", "errors", "mistake", "mistakes"].contains(x), i > 0, !w[i - 1].possessive,
        at(i - 1) == "human" || isRole(w[i - 1])
      {
        out.append(Match(predicate: (i - 1)..<(i + 1), verbal: false))
      }
      // `Maria's mistake`, `his fault`.
      if slipNouns.contains(x) || failingNouns.contains(x), i > 0 {
        let owner = w[i - 1]
        if owner.possessive && (isRole(owner) || (owner.isCapitalised && owner.text.count > 1)) {
          out.append(Match(predicate: (i - 1)..<(i + 1), verbal: false, subject: (i - 1)..<i))
        } else if ["his", "her", "their"].contains(owner.lower)
          && ["fault", "mistake", "mistakes", "error", "errors"].contains(x)
        {
          out.append(Match(predicate: (i - 1)..<(i + 1), verbal: false))
        }
      }
      // `mistake by the receiving clerk`, `error on the part of the driver`.
      if slipNouns.contains(x), ["by", "of", "from"].contains(at(i + 1)), let np = phrase(after: i + 2, in: w),
        isPerson(w[np])
      {
        out.append(Match(predicate: i..<(i + 2), verbal: false, subject: np))
      }
      // `carelessness`, `complacency among the crew`, `careless handling by …`: always a person's failing.
      if failingNouns.contains(x) || blamingAdjectives.contains(x) {
        // `careless data entry`: the adjective with what it describes, unless that is a person.
        let described =
          blamingAdjectives.contains(x) && i + 1 < w.count && !isRole(w[i + 1]) ? phrase(after: i + 1, in: w) : nil
        let end = described?.upperBound ?? i + 1
        out.append(Match(predicate: i..<min(end, w.count), verbal: false, subject: owner(near: i, end: end, in: w)))
      }
      // `lack of attention`, `poor attention to detail`: a person's quality.
      // `lack of training`: a competence, blame only with a person beside it (`staff lack of training`).
      if shortfalls.contains(x) {
        var j = i + 1
        if at(j) == "of" { j += 1 }
        if ["the", "prior", "sufficient", "proper", "basic"].contains(at(j)) { j += 1 }
        if personalQualities.contains(at(j)) {
          out.append(Match(predicate: i..<(j + 1), verbal: false, subject: owner(near: i, end: j + 1, in: w)))
        } else if competences.contains(at(j)), !competenceThings.contains(at(j + 1)),
          let person = w.indices.first(where: { isRole(w[$0]) || personPronouns.contains(w[$0].lower) })
        {
          out.append(Match(predicate: i..<(j + 1), verbal: false, subject: person..<(person + 1)))
        }
      }
      // `untrained temporary workers`, `insufficiently trained staff`.
      if traits.contains(x) || (undertrained.contains(x) && at(i + 1) == "trained") {
        let from = traits.contains(x) ? i + 1 : i + 2
        if let k = (from..<min(from + 3, w.count)).first(where: { isRole(w[$0]) }) {
          out.append(Match(predicate: i..<from, verbal: false, subject: from..<(k + 1)))
        }
      }
    }
    return out.sorted { $0.predicate.lowerBound < $1.predicate.lowerBound }
  }

  /// Whom a failing noun belongs to: `Picker carelessness`, `carelessness of the picker`.
  static func owner(near i: Int, end: Int, in w: [Word]) -> Range<Int>? {
    if i > 0, isRole(w[i - 1]) { return (i - 1)..<i }
    for j in end..<min(end + 4, w.count) where ["of", "by", "among", "from", "in"].contains(w[j].lower) {
      if let np = phrase(after: j + 1, in: w), isPerson(w[np]) { return np }
    }
    return nil
  }

  /// The noun phrase that starts at `i`: up to the next verb, preposition or connective.
  static func phrase(after i: Int, in w: [Word]) -> Range<Int>? {
    guard i < w.count else { return nil }
    var end = i
    while end < w.count, !isVerb(at: end, in: w), !prepositions.contains(w[end].lower),
      !relatives.contains(w[end].lower)
    {
      end += 1
    }
    return i < end ? i..<end : nil
  }
}
