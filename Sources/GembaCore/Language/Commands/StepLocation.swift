/// Where a finding appears: at one step, or at the handoff between two.
public enum StepLocation: Hashable, Sendable {
  case step(ItemID)
  case handoff(ItemID, ItemID)

  public var steps: [ItemID] {
    switch self {
    case .step(let s): [s]
    case .handoff(let a, let b): [a, b]
    }
  }
}
