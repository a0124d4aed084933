@testable import GembaCore

/// Input text with position markers (`1️⃣`, `2️⃣`, …) written where a test expects
/// something to point: the markers are removed, and each one's position is kept —
/// the line and column of the character that followed it, counted as the lexer counts.
///
///     let input = MarkedText("problem x 1️⃣--expectd y")
///     input.text        // "problem x --expectd y"
///     input[1]          // 1:11
struct MarkedText: Sendable {
  static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

  var text = ""
  private var positions: [Int: SourcePosition] = [:]

  init(_ marked: String, firstLine: Int = 1) {
    var line = firstLine, column = 1
    for c in marked {
      if let n = MarkedText.markers.firstIndex(of: c) {
        positions[n + 1] = SourcePosition(line: line, column: column)
        continue
      }
      text.append(c)
      if c == "\n" || c == "\r\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
  }

  /// Where marker `n` (1 for `1️⃣`) was.
  subscript(_ n: Int) -> SourcePosition {
    guard let position = positions[n] else { fatalError("no marker \(n) in \(text.debugDescription)") }
    return position
  }

  var hasMarkers: Bool { !positions.isEmpty }
}
