/// `width N|full|auto`: how wide the shell draws evidence tables and bar labels on screen.
/// Cells, pipes and exports never depend on it: they always hold every value whole.
public enum DisplayWidth: Hashable, Sendable {
  /// Fit tables and labels to this many columns.
  case columns(Int)
  /// Cut nothing: every value whole and every column shown.
  case full
  /// Fit them to the terminal's own width again.
  case auto

  /// The narrowest width a table can be drawn at with a readable label.
  public static let narrowest = 20
  /// The words `width` takes besides a number (for completion and errors).
  public static let words = ["full", "auto"]

  public init?(_ text: String) {
    switch text.lowercased() {
    case "full": self = .full
    case "auto": self = .auto
    default:
      guard text.isASCIIDigits, let n = Int(text), n >= Self.narrowest else { return nil }
      self = .columns(n)
    }
  }
}
