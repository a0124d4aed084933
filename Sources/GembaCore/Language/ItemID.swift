/// The short id of an investigation item: `S2`, `W1.2`, `C3.1`, `F1`, `A4`.
public struct ItemID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
  public enum Kind: String, CaseIterable, Sendable, Codable {
    case step = "S", why = "W", cause = "C", finding = "F", action = "A"

    public var noun: String {
      switch self {
      case .step: "step"
      case .why: "why"
      case .cause: "cause"
      case .finding: "finding"
      case .action: "action"
      }
    }
    /// Only whys and causes nest (`W1.2`, `C3.1`).
    public var nests: Bool { self == .why || self == .cause }
  }

  public var kind: Kind
  /// `[1, 2]` for `W1.2`.
  public var path: [Int]

  public init(_ kind: Kind, _ path: [Int]) {
    self.kind = kind
    self.path = path
  }

  /// Parses `W1.2` (case-insensitive letter); nil when the text is not an id.
  public init?(_ text: some StringProtocol) {
    guard let first = text.first, let kind = Kind(rawValue: String(first).uppercased()) else { return nil }
    let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
    var path: [Int] = []
    for part in parts {
      guard part.isASCIIDigits, let n = Int(part), n > 0 else { return nil }
      path.append(n)
    }
    guard !path.isEmpty, kind.nests || path.count == 1 else { return nil }
    self.init(kind, path)
  }

  public var description: String { kind.rawValue + path.map(String.init).joined(separator: ".") }
  public var parent: ItemID? { path.count > 1 ? ItemID(kind, Array(path.dropLast())) : nil }
  public func child(_ n: Int) -> ItemID { ItemID(kind, path + [n]) }

  public static func < (a: ItemID, b: ItemID) -> Bool {
    if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
    return a.path.lexicographicallyPrecedes(b.path)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let id = ItemID(text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an id: \(text)"))
    }
    self = id
  }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// A reference to evidence: `tickets` (whole), `tickets#12` (row 12), `tickets#12-40` (a range).
public struct EvidenceRef: Hashable, Sendable, CustomStringConvertible, Codable {
  public var name: String
  /// 1-based, inclusive; nil for the whole file.
  public var rows: ClosedRange<Int>?

  public init(name: String, rows: ClosedRange<Int>? = nil) {
    self.name = name
    self.rows = rows
  }

  /// Parses `NAME`, `NAME#12`, `NAME#12-40`; nil when the shape is wrong.
  public init?(_ text: String) {
    let parts = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    guard let name = parts.first, !name.isEmpty, EvidenceRef.isName(name) else { return nil }
    self.name = String(name)
    guard parts.count == 2 else { return }
    let range = parts[1].split(separator: "-", omittingEmptySubsequences: false)
    guard (1...2).contains(range.count), range.allSatisfy(\.isASCIIDigits), let low = Int(range[0]), low >= 1 else { return nil }
    let high = range.count == 2 ? Int(range[1]) : low
    guard let high, high >= low else { return nil }
    self.rows = low...high
  }

  /// Evidence names are identifiers: letters, digits, `_`, `-`, `.`, starting with a letter.
  public static func isName(_ text: some StringProtocol) -> Bool {
    guard let first = text.first, first.isLetter else { return false }
    return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
  }

  public var description: String {
    guard let rows else { return name }
    return rows.count == 1 ? "\(name)#\(rows.lowerBound)" : "\(name)#\(rows.lowerBound)-\(rows.upperBound)"
  }
}

extension StringProtocol {
  /// One or more of 0-9 and nothing else (`Int("+1")` alone would accept a sign).
  var isASCIIDigits: Bool { !isEmpty && allSatisfy { $0.isASCII && $0.isNumber } }
}
