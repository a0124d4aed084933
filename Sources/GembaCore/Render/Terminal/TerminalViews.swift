/// The terminal views of the investigation: `whys`, `fishbone`, `process`,
/// `findings`, `actions`, `status` and `timeline`. Pure: state and style in, text out.
///
/// Every view iterates the investigation's ordered arrays (`whyRoots`, `children`,
/// `fishbone.categories`, `findings`, `actions`), never a dictionary, so the same
/// state always draws the same text. Colour is added only when `style.color` is
/// set, after layout, so the record (no colour) and the screen line up the same.
///
/// One view per file: `TerminalViews+Whys.swift`, `+Fishbone`, `+Process`, `+Lists`
/// (findings and actions), `+Status`, `+Timeline`; shared pieces in `+Text`
/// (display width, wrapping), `+Ink` (colour and glyphs), `+Table` and `+Tree`.
public enum TerminalViews {
  /// A view of the investigation (a command whose route is `.view`), drawn in `style`.
  /// `check` is drawn by `Check.render` and `status` here with the integrity line.
  /// `time` is the cell's time, for the `check` rules that read the clock.
  public static func view(
    _ view: InvestigationView, of inv: Investigation, integrity: IntegrityState?,
    style: TerminalStyle, time: String? = nil
  ) -> String {
    switch view {
    case .whys: whys(inv, style: style)
    case .fishbone: fishbone(inv, style: style)
    case .process: process(inv, style: style)
    case .findings: findings(inv, style: style)
    case .actions: actions(inv, style: style)
    case .status: status(inv, integrity: integrity, style: style)
    case .timeline: timeline(inv, style: style)
    case .check: Check.render(Check.review(inv, at: time), style: style)
    }
  }
}
