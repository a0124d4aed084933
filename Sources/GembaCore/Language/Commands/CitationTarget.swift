/// What a citation points at: rows of evidence, a query whose result is stored, or two shares
/// typed in (`compare 98/584 16/136`: figures from a report, with no file behind them).
public enum CitationTarget: Hashable, Sendable {
  case rows(Located<EvidenceReference>)
  case query(QuerySource)
  case shares(TypedShares)
}
