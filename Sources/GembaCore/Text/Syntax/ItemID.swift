/// The short id of an investigation item: `S2`, `W1.2`, `C3.1`, `F1`, `A4`.
public struct ItemID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
  public enum Kind: String, CaseIterable, Sendable, Codable {
    case step = "S", why = "W", cause = "C", finding = "F", action = "A"
    /// The corrective-action record's items: containment `K1`, escape point `E1` (its whys
    /// nest: `E1.1`), extent `X1` (where else the cause can act).
    case containment = "K", escape = "E", extent = "X"

    public var noun: String {
      switch self {
      case .step: "step"
      case .why: "why"
      case .cause: "cause"
      case .finding: "finding"
      case .action: "action"
      case .containment: "containment"
      case .escape: "escape point"
      case .extent: "extent check"
      }
    }
    /// Only whys and causes nest (`W1.2`, `C3.1`).
    public var nests: Bool { self == .why || self == .cause || self == .escape }
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
    // One pass over the bytes (a why 5,000 deep has an id of 10,000 characters, read at every
    // mention). One spelling per id: numbers joined by single dots, no leading zeros (`W01` is
    // W1), nothing past Int (`W99999999999999999999`).
    var path: [Int] = []
    var n = 0, digits = 0
    for byte in text.dropFirst().utf8 {
      if byte == UInt8(ascii: ".") {
        guard digits > 0 else { return nil }
        path.append(n)
        n = 0
        digits = 0
        continue
      }
      guard byte &- 48 < 10, digits > 0 || byte != 48 else { return nil }
      let (times10, over) = n.multipliedReportingOverflow(by: 10)
      let (next, carry) = times10.addingReportingOverflow(Int(byte &- 48))
      guard !over, !carry else { return nil }
      n = next
      digits += 1
    }
    guard digits > 0 else { return nil }
    path.append(n)
    guard kind.nests || path.count == 1 else { return nil }
    self.init(kind, path)
  }

  /// Why `text`, which looks like an id (a kind letter, then a digit), is not one; nil when it is
  /// an id, or does not look like one. Such a word is an error, never text: `why W0 x` must not
  /// quietly start a tree called "W0 x".
  public static func problem(with text: some StringProtocol) -> String? {
    guard ItemID(text) == nil, let first = text.first, let kind = Kind(rawValue: String(first).uppercased()),
      let second = text.dropFirst().first, second.isASCII, second.isNumber
    else { return nil }
    let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
    if parts.contains(where: { $0.isEmpty || !$0.isASCIIDigits }) {
      return "`\(text)` is not an id: an id is a letter and numbers joined by single dots, like \(kind.rawValue)1.2"
    }
    if parts.contains(where: { $0.allSatisfy { $0 == "0" } }) {
      return "`\(text)` is not an id: ids count from 1"
    }
    if parts.contains(where: { $0.first == "0" }) {
      return "`\(text)` is not an id: write it without leading zeros"
    }
    if parts.contains(where: { Int($0) == nil }) {
      return "`\(text)` is not an id: the number is too large"
    }
    return "`\(text)` is not an id: \(kind.noun)s do not nest, so a \(kind.noun) id has one number"
  }

  /// The kind, the depth and the last three numbers, not the whole path: the register looks up
  /// every id after every cell, and hashing a why 5,000 deep in full each time made indexing grow
  /// with the cube of the depth. Equal ids still compare in full (an id copied from the same
  /// path shares its storage, which compares at once).
  public func hash(into hasher: inout Hasher) {
    hasher.combine(kind)
    hasher.combine(path.count)
    for n in path.suffix(3) { hasher.combine(n) }
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
