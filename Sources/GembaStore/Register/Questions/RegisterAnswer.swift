import GembaCore

/// A register question's answer: one or more tables with notes, rendered by a `AnswerFormat`.
public struct RegisterAnswer: Sendable, Equatable {
  /// `Overdue actions`.
  public var title: String
  /// The command that asked (`gemba register actions --overdue`), shown in the HTML page.
  public var question: String
  /// What "today" was for the answer, where it matters (`2026-11-20`).
  public var asOf: String?
  public var sections: [Section]

  public struct Section: Sendable, Equatable {
    public var title: String
    public var columns: [String]
    public var rows: [[Value]]
    /// Said under the table: how a figure was computed, why one is blank.
    public var notes: [String] = []
    /// Rows of the answer left out by a limit (`--limit`; the table's default is 50).
    public var more = 0
  }

  /// At most `limit` rows in each section (nil or 0: all), counting the rest in `more`.
  public func limited(to limit: Int?) -> RegisterAnswer {
    guard let limit, limit > 0 else { return self }
    var copy = self
    for i in copy.sections.indices where copy.sections[i].rows.count > limit {
      copy.sections[i].more += copy.sections[i].rows.count - limit
      copy.sections[i].rows.removeLast(copy.sections[i].rows.count - limit)
    }
    return copy
  }

  public enum Value: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double, places: Int)
    case empty

    public var plain: String {
      switch self {
      case .text(let t): t
      case .integer(let i): String(i)
      // Plain values are read back by programs: no thousands separators, and no text for a non-number.
      case .number(let d, let places): d.isFinite ? NumberFormat.decimal(d, places: places, grouped: false) : ""
      case .empty: ""
      }
    }
  }
}

extension RegisterAnswer.Value {
  init(_ value: SQLValue) {
    switch value {
    case .null: self = .empty
    case .integer(let i): self = .integer(Int(i))
    case .real(let d): self = .number(d, places: 1)
    case .text(let t): self = .text(t)
    }
  }
}
