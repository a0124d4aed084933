/// How a column's values are written: the reading every cell of the column goes through.
public enum ValueFormat: Hashable, Sendable, CustomStringConvertible {
  /// Plain numbers (`-12`, `3.5`, `1e-3`), booleans, ISO 8601 and the other built-in date readings.
  case standard
  /// Numbers with a thousands separator, a decimal comma, currency or percent signs.
  case number(NumberPattern)
  /// Date-times in a strftime layout.
  case date(DatePattern)
  /// Seconds or milliseconds since 1970-01-01T00:00:00Z.
  case epochSeconds, epochMilliseconds
  /// Days since 1899-12-30 (Excel's 1900 system, as a spreadsheet stores dates).
  case excelSerial

  public var description: String {
    switch self {
    case .standard: return "standard"
    case .number(let p): return p.description
    case .date(let p): return p.layout
    case .epochSeconds: return "Unix epoch seconds"
    case .epochMilliseconds: return "Unix epoch milliseconds"
    case .excelSerial: return "Excel serial days"
    }
  }

  /// The format `--date-format COL=FORMAT` names: a strftime layout, or `epoch`/`%s`,
  /// `epoch-ms`, `excel`.
  public init(dateFormat: String) throws(LayoutError) {
    switch dateFormat.lowercased() {
    case "%s", "epoch", "epoch-s", "unix": self = .epochSeconds
    case "epoch-ms", "%ms", "unix-ms": self = .epochMilliseconds
    case "excel", "serial": self = .excelSerial
    default: self = .date(try DatePattern(dateFormat))
    }
  }
}

/// What loading found out about one column: its type, the format it is read with, and how many
/// non-empty values did not read that way (they are treated as missing by comparisons and charts).
public struct ColumnProfile: Hashable, Sendable {
  public var type: ColumnType
  public var format: ValueFormat
  /// Non-empty cells.
  public var values: Int
  /// Non-empty cells that do not read as `type` in `format`.
  public var unparsed: Int
  /// The first few cells that did not read (0-based row, text as written).
  public var examples: [Unparsed]
  /// Something the reader should know about the reading chosen (an ambiguous day/month order).
  public var note: String?
  /// True when the format came from `--date-format`.
  public var given: Bool

  public struct Unparsed: Hashable, Sendable {
    /// The most bytes of a value kept to quote it (then "…"): messages stay short, whatever a field holds.
    public static let shownBytes = 80
    public var row: Int
    public var text: String
  }

  public init(
    type: ColumnType, format: ValueFormat = .standard, values: Int = 0, unparsed: Int = 0,
    examples: [Unparsed] = [], note: String? = nil, given: Bool = false
  ) {
    self.type = type
    self.format = format
    self.values = values
    self.unparsed = unparsed
    self.examples = examples
    self.note = note
    self.given = given
  }

  var reader: ValueReader { ValueReader(type: type, format: format) }
}

/// Reads a column's cells as numbers or instants, in the column's format.
struct ValueReader: Sendable {
  var type: ColumnType
  var format: ValueFormat

  static let standard = ValueReader(type: .text, format: .standard)

  @inline(__always) func number(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    if case .number(let pattern) = format { return pattern.parse(p, n) }
    return ValueParser.decimal(p, n)
  }

  @inline(__always) func instant(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    switch format {
    case .standard, .number: return ValueParser.dateTime(p, n)
    case .date(let pattern): return pattern.parse(p, n)
    case .epochSeconds: return ValueParser.decimal(p, n)
    case .epochMilliseconds: return ValueParser.decimal(p, n).map { $0 / 1000 }
    case .excelSerial: return ValueParser.decimal(p, n).map { ($0 - 25_569) * 86_400 }
    }
  }

  func instant(_ s: String) -> Double? {
    var copy = s
    return copy.withUTF8 { b in b.baseAddress.flatMap { instant($0, b.count) } }
  }

  /// Whether the cell reads as this column's type.
  @inline(__always) func reads(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    switch type {
    case .integer:
      if case .number = format { return number(p, n) != nil }
      return ValueParser.integer(p, n) != nil
    case .decimal: return number(p, n) != nil
    case .dateTime: return instant(p, n) != nil
    case .boolean: return ValueParser.boolean(p, n) != nil
    case .text: return true
    }
  }
}
