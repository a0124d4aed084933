import Foundation

/// What a cell read, stored with it in the notebook (format v2) and covered by the chain,
/// so that opening a notebook is a fold over stored cells and never re-reads evidence.
///
/// ```
/// <!-- data {"loaded":{"record":{"name":"tickets","sha256":"86b1…",…},"columns":[…]}} -->
/// ```
public struct CellData: Sendable, Equatable, Codable {
  /// The payload's own version: a newer gemba may add fields; an unknown `version` is refused.
  public var version: Int = CellData.currentVersion
  /// A `load`: the file as read.
  public var loaded: LoadedEvidence?
  /// A `cite`, `finding --evidence`, `effective --evidence` or `event --evidence`: what was seen.
  public var citations: [Citation]?
  /// An `undo`: the number of the cell it took back.
  public var undid: Int?
  /// A `redo`: the number of the cell it gave back.
  public var redid: Int?
  /// A query, `show`, `metric` or `evidence`: the version of each file it ran on.
  public var ranOn: [EvidenceVersion]?
  /// A `signoff` by someone with a key: the Ed25519 signature over what was approved.
  public var signature: SignoffSignature?

  public static let currentVersion = 1

  public init(
    loaded: LoadedEvidence? = nil, citations: [Citation]? = nil, undid: Int? = nil, redid: Int? = nil,
    ranOn: [EvidenceVersion]? = nil, signature: SignoffSignature? = nil
  ) {
    self.loaded = loaded
    self.citations = citations
    self.undid = undid
    self.redid = redid
    self.ranOn = ranOn
    self.signature = signature
  }

  public var isEmpty: Bool {
    loaded == nil && (citations ?? []).isEmpty && undid == nil && redid == nil && (ranOn ?? []).isEmpty
      && signature == nil
  }

  /// One line of JSON with sorted keys; `<`, `>` and `&` escaped so the text can never end
  /// the HTML comment it is stored in.
  public func encoded() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    // Every field is a plain value; encoding cannot fail.
    let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
    var out = ""
    for c in String(decoding: data, as: UTF8.self).unicodeScalars {
      switch c {
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  static func decode(_ text: String, cell: Int, line: Int) throws(Diagnostic) -> CellData {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let span = SourceSpan(at: SourcePosition(line: max(line, 1), column: 1))
    let decoded: CellData
    do {
      decoded = try decoder.decode(CellData.self, from: Data(text.utf8))
    } catch {
      throw .error(
        .malformedNotebook, "cell \(cell) stores data that is not valid: \(Self.reason(error))", at: span,
        notes: ["the `<!-- data … -->` line after the cell's output was edited by hand; `gemba verify` names the cell"])
    }
    guard decoded.version <= currentVersion else {
      throw .error(
        .newerNotebook,
        "cell \(cell) stores data of version \(decoded.version), written by a newer gemba (this one reads \(currentVersion))",
        at: span, notes: ["upgrade gemba to open this notebook; nothing was changed"])
    }
    return decoded
  }

  private static func reason(_ error: any Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let c): return c.debugDescription
    case DecodingError.keyNotFound(let key, _): return "`\(key.stringValue)` is missing"
    case DecodingError.typeMismatch(_, let c):
      return "a value of the wrong kind at `\(c.codingPath.map(\.stringValue).joined(separator: "."))`"
    case DecodingError.valueNotFound(_, let c):
      return "a missing value at `\(c.codingPath.map(\.stringValue).joined(separator: "."))`"
    default: return "not JSON"
    }
  }
}

/// A `load` as stored: the register entry, how the file was read, and its columns.
public struct LoadedEvidence: Sendable, Equatable, Codable {
  public var record: EvidenceRecord
  /// How the bytes were read: `csv, comma, quote "`, `log`, …
  public var dialect: String?
  public var columns: [LoadedColumn]

  public init(record: EvidenceRecord, dialect: String?, columns: [LoadedColumn]) {
    self.record = record
    self.dialect = dialect
    self.columns = columns
  }
}

public struct LoadedColumn: Sendable, Equatable, Codable {
  public var name: String
  public var type: String
  public init(name: String, type: String) {
    self.name = name
    self.type = type
  }
}

/// Which version of a file a query ran on.
public struct EvidenceVersion: Sendable, Equatable, Codable {
  public var name: String
  public var path: String
  public var sha256: String
  /// The cell whose `load` recorded the file; when `sha256` differs from it, the query ran
  /// on a file changed since.
  public var loadedIn: Int
  public var changed: Bool

  /// What a cell that ran on a changed file says first, so the notebook shows which
  /// version of the file the figures below come from.
  public var notice: String? {
    guard changed else { return nil }
    return
      "note: \(path) changed since cell \(loadedIn) loaded it; this ran on the file as it is now (sha256 \(sha256.prefix(16)));"
      + " citations made before keep what was seen; `gemba replay` shows which conclusions moved"
  }

  public init(name: String, path: String, sha256: String, loadedIn: Int, changed: Bool) {
    self.name = name
    self.path = path
    self.sha256 = sha256
    self.loadedIn = loadedIn
    self.changed = changed
  }
}
