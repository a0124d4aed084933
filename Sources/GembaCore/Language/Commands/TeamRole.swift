public enum TeamRole: String, Sendable, Equatable, CaseIterable, Codable {
  case champion, leader, member, expert
}
