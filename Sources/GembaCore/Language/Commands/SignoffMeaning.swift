/// What a sign-off means (21 CFR 11.50-style): the signer reviewed, approved or verified.
public enum SignoffMeaning: String, Sendable, Equatable, CaseIterable, Codable {
  case reviewed, approved, verified
}
