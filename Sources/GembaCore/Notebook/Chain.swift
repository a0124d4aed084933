import Crypto

/// The notebook's integrity chain: each cell's value is a SHA-256 over the previous
/// value, the cell's number, time, command and output. Editing, removing or
/// reordering any cell changes every value after it.
public enum Chain {
  /// Hex digits of the chain shown in a cell header (64 bits).
  public static let shownLength = 16

  /// The value before the first cell.
  public static let genesis = String(Hex.string(SHA256.hash(data: Array("gemba notebook v1".utf8))).prefix(shownLength))

  /// - Parameter data: the cell's stored payload (v2); a cell without one hashes as in v1.
  public static func next(
    after previous: String, number: Int, time: String, command: String, output: String,
    data: String? = nil
  ) -> String {
    String(
      digest(after: previous, number: number, time: time, command: command, output: output, data: data)
        .prefix(shownLength))
  }

  /// The value before the first cell in the full chain: all 64 hex digits.
  public static let fullGenesis = Hex.string(SHA256.hash(data: Array("gemba notebook v1".utf8)))

  /// The full chain over `cells`: the same parts as the shown chain, but every link keeps all
  /// 256 bits, so a signature over it cannot be moved to other cells by a 64-bit collision.
  public static func fullDigest(of cells: some Sequence<Cell>) -> String {
    cells.reduce(fullGenesis) { previous, cell in
      digest(
        after: previous, number: cell.number, time: cell.time, command: cell.command, output: cell.output,
        data: cell.data)
    }
  }

  /// One link: SHA-256 over the previous value and the cell's parts, as 64 hex digits.
  static func digest(
    after previous: String, number: Int, time: String, command: String, output: String, data: String?
  ) -> String {
    var hasher = SHA256()
    for part in [previous, String(number), time, command, output] + (data.map { [$0] } ?? []) {
      // Length-prefix each part so that moving text between parts changes the hash.
      hasher.update(data: Array("\(part.utf8.count):".utf8))
      hasher.update(data: Array(part.utf8))
    }
    return Hex.string(hasher.finalize())
  }
}

/// SHA-256 of text, for export digests.
enum Digest {
  static func sha256(_ text: String) -> [UInt8] { Array(SHA256.hash(data: Array(text.utf8))) }
}
