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
public enum TerminalViews {}
