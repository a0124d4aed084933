/// Something wrong in an evidence file that gemba loaded anyway, or the reason it refused it.
///
/// Every problem says where it is (row and line, column or byte offset) and what gemba did, so a
/// count computed from the table is never silently wrong.
public struct EvidenceProblem: Hashable, Sendable, CustomStringConvertible {
  public enum Kind: String, Hashable, Sendable, Codable {
    case raggedRow, unterminatedQuote, strayQuote, blankRow, invalidUTF8, nulByte
    case binaryFile, emptyFile, duplicateHeader, emptyHeader, titleRow, mixedLineEndings
    case longLine, invalidJSON, tooLarge, cancelled
    /// Cells of a typed column that do not read as its type (they count as missing).
    case unreadValues
    /// Values that read more than one way (`01/02/2026`); the reading chosen is named.
    case ambiguousValues
    /// A load option that does not fit the file (`--date-format` naming no column).
    case invalidOption
    /// A workbook gemba cannot open (legacy .xls, encrypted, damaged), or a note on a sheet's cells.
    case workbook
    /// An Excel error value (`#DIV/0!`, `#N/A`, …) in a cell, kept as text.
    case errorCell
    /// A line that does not follow the layout of the file's other lines (in a record, neither
    /// `Key: value` nor a continuation).
    case malformedLine
  }
  /// What gemba did about it.
  public enum Action: String, Hashable, Sendable, Codable {
    /// The row is in the table as read (possibly padded); the problem is listed.
    case loaded
    /// The row (or line) is not in the table.
    case skipped
    /// A header name was changed so every column can be addressed.
    case renamed
    /// Nothing was loaded.
    case refused
  }

  public var kind: Kind
  public var file: String
  /// 1-based data row (header excluded), when the problem is in a row.
  public var row: Int?
  /// 1-based physical line in the file.
  public var line: Int?
  /// 1-based column (field) number.
  public var column: Int?
  /// 0-based byte offset in the file.
  public var byteOffset: Int?
  public var message: String
  public var action: Action

  public init(
    _ kind: Kind, file: String, row: Int? = nil, line: Int? = nil, column: Int? = nil,
    byteOffset: Int? = nil, message: String, action: Action
  ) {
    self.kind = kind
    self.file = file
    self.row = row
    self.line = line
    self.column = column
    self.byteOffset = byteOffset
    self.message = message
    self.action = action
  }

  /// `tickets.csv:14 (row 12, column 3): ragged row: 2 fields, expected 3 — loaded, missing fields empty`
  public var description: String {
    var place = file
    if let line { place += ":\(line)" }
    var parts: [String] = []
    if let row { parts.append("row \(row)") }
    if let column { parts.append("column \(column)") }
    if let byteOffset { parts.append("byte \(byteOffset)") }
    if !parts.isEmpty { place += " (" + parts.joined(separator: ", ") + ")" }
    return "\(place): \(message)"
  }

  /// The diagnostic code of a load refused for this problem.
  public var code: DiagnosticCode {
    switch kind {
    case .invalidUTF8: .notUTF8
    case .tooLarge: .evidenceTooLarge
    case .cancelled: .loadCancelled
    case .raggedRow, .unterminatedQuote, .strayQuote, .blankRow, .nulByte, .binaryFile, .emptyFile, .duplicateHeader,
      .emptyHeader, .titleRow, .mixedLineEndings, .longLine, .invalidJSON, .unreadValues, .ambiguousValues,
      .invalidOption, .workbook, .errorCell, .malformedLine:
      .evidenceRefused
    }
  }
}

/// Why a file could not be loaded: a problem with `action == .refused` plus what to do about it.
public struct EvidenceError: Error, Hashable, Sendable, CustomStringConvertible {
  public var problem: EvidenceProblem
  /// What the user can do: "save it as CSV", "load it with --format text", …
  public var hint: String

  public init(_ problem: EvidenceProblem, hint: String) {
    self.problem = problem
    self.hint = hint
  }

  public var description: String { "cannot load \(problem.description); \(hint)" }

  public var code: DiagnosticCode { problem.code }

  /// The same error as a `Diagnostic`, for the shell's one error printer.
  public var diagnostic: Diagnostic {
    Diagnostic.error(problem.code, "cannot load \(problem.description)", notes: [hint])
  }
}
