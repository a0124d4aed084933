public enum ReviewCadence: String, CaseIterable, Sendable, Codable {
  case weekly, monthly, quarterly
}
