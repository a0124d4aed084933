public struct ActionSpec: Hashable, Sendable {
  public var finding: Located<ItemID>
  public var text: String
  public var owner: String?
  public var due: CalendarDate?
  public var review: ReviewCadence?
  public var standard: String?
  /// `--verify QUERY --target EXPR --after DATE`: how the action will be judged, agreed now.
  public var plannedCheck: PlannedCheck? = nil
  /// Where `--after` was typed, for the refusal of a date already past.
  public var checkAfterSpan: SourceSpan? = nil
  /// Where `--retrospective` was typed, for its refusal when `--after` is not past.
  public var retrospectiveSpan: SourceSpan? = nil
}
