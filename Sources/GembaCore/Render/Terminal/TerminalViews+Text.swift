extension TerminalViews {
  /// Measuring, padding, truncating and wrapping text by display columns.
  ///
  /// Everything works on whole grapheme clusters (Swift `Character`s), so a line is
  /// never cut inside an emoji, a flag or a letter with its accents. Wide characters
  /// (CJK, emoji) count two columns, combining marks none, and ANSI colour codes none,
  /// so coloured text pads the same as plain text.
  enum Text {
    /// The number of terminal columns `text` takes.
    static func width(_ text: some StringProtocol) -> Int {
      var total = 0
      var inEscape = false
      for character in text {
        if inEscape {
          // A CSI sequence ends at its final byte, a letter (`m` for colour).
          if character.isLetter { inEscape = false }
          continue
        }
        if character == "\u{1B}" {
          inEscape = true
          continue
        }
        total += width(of: character)
      }
      return total
    }

    /// The columns one grapheme cluster takes: 0, 1 or 2.
    static func width(of character: Character) -> Int {
      guard let first = character.unicodeScalars.first else { return 0 }
      if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }  // emoji presentation
      if first.properties.isEmojiPresentation { return 2 }
      if isWide(first.value) { return 2 }
      switch first.properties.generalCategory {
      case .nonspacingMark, .enclosingMark, .format, .control: return 0
      default: return 1
      }
    }

    /// East Asian Wide and Fullwidth blocks (UAX #11), the common ranges.
    private static func isWide(_ v: UInt32) -> Bool {
      switch v {
      case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x20000...0x3FFFD:
        true
      default:
        false
      }
    }

    /// `text` padded with spaces on the right to `columns` (never shortened).
    static func pad(_ text: String, to columns: Int) -> String {
      let w = width(text)
      return w >= columns ? text : text + String(repeating: " ", count: columns - w)
    }

    /// `text` cut to at most `columns`, ending in `ellipsis` when anything was cut.
    /// Expects plain text (no colour codes).
    static func truncate(_ text: String, to columns: Int, ellipsis: String) -> String {
      guard width(text) > columns else { return text }
      let room = columns - width(ellipsis)
      guard room > 0 else { return String(ellipsis.prefix(max(0, columns))) }
      var out = ""
      var used = 0
      for character in text {
        let w = width(of: character)
        if used + w > room { break }
        out.append(character)
        used += w
      }
      return out + ellipsis
    }

    /// `text` broken into lines of at most `columns`, at spaces where possible.
    /// Newlines in the text start new lines; a word wider than a line is split
    /// between grapheme clusters. Always at least one line.
    static func wrap(_ text: String, to columns: Int) -> [String] {
      let columns = max(1, columns)
      var lines: [String] = []
      for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        var lineWidth = 0
        for word in paragraph.split(separator: " ") {
          var word = String(word)
          var wordWidth = width(word)
          if lineWidth > 0 && lineWidth + 1 + wordWidth <= columns {
            line += " " + word
            lineWidth += 1 + wordWidth
            continue
          }
          if lineWidth > 0 {
            lines.append(line)
            line = ""
            lineWidth = 0
          }
          if wordWidth > columns {
            // Cut into pieces in one pass: measuring what is left after each cut made a long
            // word (a 70,000-character token in a received notebook) take quadratic time.
            let cut = pieces(of: word, columns: columns)
            lines += cut.dropLast().map(\.text)
            if let last = cut.last { (word, wordWidth) = last }
          }
          line = word
          lineWidth = wordWidth
        }
        lines.append(line)
      }
      return lines
    }

    /// Pieces laid out left to right and wrapped between pieces, never inside one:
    /// a legend, a flow of steps, a headline of facts. Each piece is measured by its
    /// plain text and printed as its painted text.
    static func fill(_ pieces: [(plain: String, painted: String)], separator: String, width: Int) -> [String] {
      var lines: [String] = []
      var line = ""
      var used = 0
      let gap = self.width(separator)
      for piece in pieces {
        let w = self.width(piece.plain)
        if used > 0 && used + gap + w > width {
          lines.append(line)
          line = ""
          used = 0
        }
        line += (used > 0 ? separator : "") + piece.painted
        used += (used > 0 ? gap : 0) + w
      }
      if !line.isEmpty || lines.isEmpty { lines.append(line) }
      return lines
    }

    /// `word` cut into pieces that each fit `columns` (at least one grapheme each), with their
    /// widths, in one pass over it.
    private static func pieces(of word: String, columns: Int) -> [(text: String, width: Int)] {
      var pieces: [(text: String, width: Int)] = []
      var start = word.startIndex
      var used = 0
      var index = word.startIndex
      while index < word.endIndex {
        let w = width(of: word[index])
        if used + w > columns && index > start {
          pieces.append((String(word[start..<index]), used))
          start = index
          used = 0
        }
        used += w
        index = word.index(after: index)
      }
      return pieces + [(String(word[start...]), used)]
    }
  }
}
