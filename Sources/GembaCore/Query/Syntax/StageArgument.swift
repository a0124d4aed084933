/// What one position of a query stage takes, as its `StageSpec` declares it. Tab completion
/// walks these, so a new stage completes as soon as its catalog entry says what it takes.
///
///     count [by COL, COL]      [.optional([.keyword("by"), .columns])]
///     join OTHER on KEY        [.evidence, .keyword("on"), .column, …]
public indirect enum StageArgument: Sendable {
  /// A column of the evidence the pipeline reads.
  case column
  /// A column of the evidence named by this stage's `.evidence` (`join OTHER on KEY = OTHERKEY`).
  case joinedColumn
  /// One or more columns, separated by commas or spaces (`team, channel`).
  case columns
  /// A word typed as it stands: `by`, `on`, `as`, `=`.
  case keyword(String)
  /// One of a fixed set of words (`desc`, `asc`).
  case choice([String])
  /// The name of loaded evidence.
  case evidence
  /// A comparison operator (`=`, `!=`, `~`, …).
  case comparison
  /// A value of the column typed two words before (`where team = ‸`).
  case value
  /// Something Tab cannot guess — a number, a pattern, a new name; `hint` says which.
  case free(hint: String)
  /// A `derive` expression: columns and functions, word after word, to the end.
  case expression
  /// The arguments, or nothing.
  case optional([StageArgument])
  /// The arguments any number of times, none included. They must not all be optional.
  case repeated([StageArgument])
  /// One of several sequences.
  case either([[StageArgument]])

  /// `COL OP VALUE [and|or COL OP VALUE]…`, the condition of `where` and `compare`.
  public static let condition: [StageArgument] = [
    .column, .comparison, .value, .repeated([.choice(["and", "or"]), .column, .comparison, .value]),
  ]
}
