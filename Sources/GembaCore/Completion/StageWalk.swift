/// Reads the words typed after a stage word through the stage's declared arguments
/// (`StageSpec.arguments`) and says what the next word may be.
///
///     count by team, ‸      → a column, or the end
///     join agents ‸         → the keyword `on`
///     where reopened = ‸    → a value of `reopened`
struct StageWalk {
  /// One way of reading the words so far: what is left to type, and the names read on the way.
  struct Reading {
    var remaining: [StageArgument]
    /// The last column typed, whose values `.value` offers.
    var column: String?
    /// The evidence typed for `.evidence`, whose columns `.joinedColumn` offers.
    var other: String?
  }

  /// What the next word may be: one argument that takes a single word, with the reading it continues.
  struct Next {
    var argument: StageArgument
    var reading: Reading
  }

  /// The arguments the next word may fill.
  var next: [Next] = []
  /// Whether the stage may end here (only options may follow).
  var mayEnd = false

  /// Walks `words` (the stage's positional words, options and their values left out) through `arguments`.
  init(_ arguments: [StageArgument], words: [String]) {
    var steps = Self.expand(Reading(remaining: arguments))
    for word in words {
      let readings = steps.next.compactMap { Self.read(word, as: $0) }
      steps = readings.reduce(into: StageWalk()) { walk, reading in
        let more = Self.expand(reading)
        walk.next += more.next
        walk.mayEnd = walk.mayEnd || more.mayEnd
      }
    }
    self = steps
  }

  private init() {}

  /// Unfolds optional, repeated and alternative arguments until each way starts with one that takes a word.
  private static func expand(_ reading: Reading) -> StageWalk {
    var walk = StageWalk()
    guard let first = reading.remaining.first else {
      walk.mayEnd = true
      return walk
    }
    let rest = Array(reading.remaining.dropFirst())
    func then(_ remaining: [StageArgument]) -> StageWalk {
      var r = reading
      r.remaining = remaining
      return expand(r)
    }
    func merge(_ walks: [StageWalk]) -> StageWalk {
      walks.reduce(into: StageWalk()) {
        $0.next += $1.next
        $0.mayEnd = $0.mayEnd || $1.mayEnd
      }
    }
    switch first {
    // What goes on with the construct at hand is offered before what follows it.
    case .optional(let inner): return merge([then(inner + rest), then(rest)])
    case .repeated(let inner): return merge([then(inner + [first] + rest), then(rest)])
    case .either(let ways): return merge(ways.map { then($0 + rest) })
    // A list is one column, then perhaps more; an expression one word, then perhaps more.
    case .columns: return then([.column, .optional([.columns])] + rest)
    case .expression:
      var r = reading
      r.remaining = [.optional([.expression])] + rest
      walk.next = [Next(argument: .expression, reading: r)]
    case .column, .joinedColumn, .keyword, .choice, .evidence, .comparison, .value, .free:
      var r = reading
      r.remaining = rest
      walk.next = [Next(argument: first, reading: r)]
    }
    return walk
  }

  /// The reading after `word` fills `next.argument`, or nil when the word cannot fill it.
  private static func read(_ word: String, as next: Next) -> Reading? {
    var reading = next.reading
    switch next.argument {
    case .keyword(let keyword): return word.lowercased() == keyword ? reading : nil
    case .choice(let choices): return choices.contains(word.lowercased()) ? reading : nil
    case .comparison: return Self.operators.contains(word) ? reading : nil
    case .column:
      reading.column = word
      return reading
    case .evidence:
      reading.other = word
      return reading
    case .joinedColumn, .value, .free, .expression:
      return reading
    case .columns, .optional, .repeated, .either:
      // `expand` unfolds these before a word is read.
      return nil
    }
  }

  /// The operators `where` reads (`==` is `=`).
  static let operators: Set<String> = Set(ComparisonOperator.allCases.map(\.rawValue) + ["=="])
}
