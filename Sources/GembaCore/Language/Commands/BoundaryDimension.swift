/// What, where, when, and how much (`extent`): the four questions of an is / is-not analysis.
public enum BoundaryDimension: String, Sendable, Equatable, CaseIterable, Codable {
  case what, `where`, when, extent
}
