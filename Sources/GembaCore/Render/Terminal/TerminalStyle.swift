/// How terminal views draw: box-drawing or ASCII, colour or not, how wide.
/// Renderers never ask the terminal; the executable decides and passes this in.
public struct TerminalStyle: Sendable, Equatable {
  public var unicode: Bool
  public var color: Bool
  /// Columns available; views wrap or truncate long text to fit.
  public var width: Int
  /// Whether evidence tables and bar labels are fitted to `width` (a terminal): cells cut in the
  /// middle (never so that two values read alike) and columns that do not fit left out. False:
  /// every value whole, as files, pipes, notebooks and exports get them, and `width full`.
  public var fitsWidth: Bool

  public init(unicode: Bool = true, color: Bool = false, width: Int = 100, fitsWidth: Bool = false) {
    self.unicode = unicode
    self.color = color
    self.width = width
    self.fitsWidth = fitsWidth
  }

  /// The widest a table cell or bar label is shown before it is cut: two fifths of the width (40
  /// on a 100-column terminal), so a label leaves room for the figures beside it. Nil: whole.
  public var labelWidth: Int? { fitsWidth ? max(12, width * 2 / 5) : nil }

  /// What cells store in the notebook: Unicode, no colour, a fixed width, values whole, so
  /// the output never depends on the terminal or the locale.
  public static let record = TerminalStyle(unicode: true, color: false, width: 100)
}
