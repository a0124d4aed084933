/// The terminal views of the investigation (`whys`, `fishbone`, `process`,
/// `findings`, `actions`, `status`, `timeline`). Pure: state and style in, text out.
public enum TerminalViews {
  public static func whys(_ inv: Investigation, style: TerminalStyle) -> String {
    guard !inv.whyRoots.isEmpty else { return "no five-whys trees yet: start one with `why TEXT`" }
    return inv.whysInOrder.map { String(repeating: "  ", count: $0.depth - 1) + "\($0.id) \($0.text) [\($0.status.rawValue)]" }
      .joined(separator: "\n")
  }

  public static func fishbone(_ inv: Investigation, style: TerminalStyle) -> String {
    guard let fishbone = inv.fishbone else { return "no fishbone yet: fishbone \"EFFECT\" --template 6M|8P|4S" }
    var lines = ["effect: \(fishbone.effect)"]
    for category in fishbone.categories {
      lines.append("\(category.name):")
      for node in inv.depthFirst(category.causes) {
        lines.append(String(repeating: "  ", count: node.depth) + "\(node.id) \(node.text) [\(node.status.rawValue)]")
      }
    }
    return lines.joined(separator: "\n")
  }

  public static func process(_ inv: Investigation, style: TerminalStyle) -> String {
    guard !inv.steps.isEmpty else { return "no process yet: process NAME STEP..." }
    return inv.steps.map { step in
      let count = inv.findings.filter { $0.location?.steps.contains(step.id) ?? false }.count
      return "\(step.id) \(step.name) (\(count) findings)"
    }.joined(separator: "\n")
  }

  public static func findings(_ inv: Investigation, style: TerminalStyle) -> String {
    guard !inv.findings.isEmpty else { return "no findings yet" }
    return inv.findings.map { "\($0.id) \($0.text)" }.joined(separator: "\n")
  }

  public static func actions(_ inv: Investigation, style: TerminalStyle) -> String {
    guard !inv.actions.isEmpty else { return "no actions yet" }
    return inv.actions.map { "\($0.id) \($0.text) [\($0.state.rawValue)]" }.joined(separator: "\n")
  }

  public static func status(_ inv: Investigation, style: TerminalStyle) -> String {
    "\(inv.title ?? "untitled"): \(inv.findings.count) findings, \(inv.actions.count) actions"
  }

  public static func timeline(_ inv: Investigation, style: TerminalStyle) -> String {
    guard !inv.events.isEmpty else { return "no events yet: event WHEN TEXT" }
    return inv.events.sorted { $0.when < $1.when }.map { "\($0.when.text)  \($0.text)" }.joined(separator: "\n")
  }
}
