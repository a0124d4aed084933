public enum CauseStatus: String, Hashable, Sendable, Codable {
  case hypothesis, confirmed, ruledOut = "ruled-out"
}
