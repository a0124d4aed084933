/// `check`: the method review a quality manager would do before signing off.
public struct CheckFinding: Sendable, Equatable {
  public enum Severity: String, Sendable, Codable { case error, warning }
  public var severity: Severity
  /// The item it is about (nil: the investigation as a whole).
  public var item: ItemID?
  public var message: String
  /// What a good version looks like.
  public var advice: String
}

public enum Check {
  public static func review(_ inv: Investigation) -> [CheckFinding] {
    var out: [CheckFinding] = []
    for action in inv.actions where action.owner == nil {
      out.append(CheckFinding(severity: .error, item: action.id, message: "\(action.id) has no owner",
        advice: "name who owns it: --owner"))
    }
    return out
  }

  public static func render(_ findings: [CheckFinding], style: TerminalStyle) -> String {
    guard !findings.isEmpty else { return "check: no weaknesses found" }
    return findings.map { "\($0.severity.rawValue): \($0.message) — \($0.advice)" }.joined(separator: "\n")
  }
}
