/// The paper an HTML export is laid out for (`export … --paper a4|letter`): the record and the
/// 8D flow onto it; the A3 sheet, drawn for A3 landscape, is scaled onto it whole.
public enum Paper: String, CaseIterable, Sendable, Hashable {
  case a4
  case letter

  /// The CSS `@page` size keyword.
  public var cssSize: String {
    switch self {
    case .a4: "A4"
    case .letter: "letter"
    }
  }

  /// The long edge over the short edge, in millimetres: what the A3 sheet is scaled to.
  public var millimetres: (width: Double, height: Double) {
    switch self {
    case .a4: (210, 297)
    case .letter: (215.9, 279.4)
    }
  }
}
