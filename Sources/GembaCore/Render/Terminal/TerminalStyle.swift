/// How terminal views draw: box-drawing or ASCII, colour or not, how wide.
/// Renderers never ask the terminal; the executable decides and passes this in.
public struct TerminalStyle: Sendable, Equatable {
  public var unicode: Bool
  public var color: Bool
  /// Columns available; views wrap or truncate long text to fit.
  public var width: Int

  public init(unicode: Bool = true, color: Bool = false, width: Int = 100) {
    self.unicode = unicode
    self.color = color
    self.width = width
  }

  /// What cells store in the notebook: Unicode, no colour, a fixed width, so
  /// the output never depends on the terminal or the locale.
  public static let record = TerminalStyle(unicode: true, color: false, width: 100)
}
