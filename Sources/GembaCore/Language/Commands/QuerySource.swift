/// A query pipeline as typed: `tickets | where reopened = yes | count by team`.
public struct QuerySource: Hashable, Sendable {
  /// The evidence the pipeline starts from.
  public var evidence: Located<String>
  /// The tokens of each stage after the evidence name, split at `|`.
  public var stages: [[Token]]
  /// The pipeline's text, normalised to single spaces, as stored in a citation.
  public var text: String
  public init(evidence: Located<String>, stages: [[Token]], text: String) {
    self.evidence = evidence
    self.stages = stages
    self.text = text
  }
}
