/// Values gathered into subgroups for X̄-R, X̄-S and capability: `--size N` (N consecutive
/// rows) or `--subgroup COL` (rows sharing a label, in order of first appearance).
public struct Subgroups: Hashable, Sendable {
  public var groups: [[Double]]
  public var labels: [String]

  /// Consecutive runs of `size` values; a shorter last run is kept (its limits are its own).
  public static func consecutive(_ values: [Double], size: Int) throws(Diagnostic) -> Subgroups {
    guard size >= 1 else { throw Diagnostic.error("a subgroup size must be 1 or more, not \(size)") }
    let groups = stride(from: 0, to: values.count, by: size).map { Array(values[$0..<min($0 + size, values.count)]) }
    return Subgroups(groups: groups, labels: groups.indices.map { String($0 + 1) })
  }

  /// Values grouped by a label per value; groups keep the order their labels first appear in.
  public static func byLabel(_ values: [Double], labels: [String]) throws(Diagnostic) -> Subgroups {
    guard values.count == labels.count else {
      throw Diagnostic.error("\(labels.count) subgroup labels for \(values.count) values")
    }
    var index: [String: Int] = [:]
    var groups: [[Double]] = [], names: [String] = []
    for (v, label) in zip(values, labels) {
      if let i = index[label] {
        groups[i].append(v)
      } else {
        index[label] = groups.count
        groups.append([v])
        names.append(label)
      }
    }
    return Subgroups(groups: groups, labels: names)
  }

  /// True when the subgroups differ in size (limits are then per point).
  public var sizesVary: Bool { Set(groups.map(\.count)).count > 1 }
}
