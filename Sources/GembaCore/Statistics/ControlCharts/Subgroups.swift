/// Values gathered into subgroups for X̄-R, X̄-S and capability: `--size N` (N consecutive
/// rows) or `--subgroup COL` (rows sharing a label, in order of first appearance).
///
/// Held flat — the values subgroup after subgroup, and where each subgroup starts — because a
/// million rows in subgroups of 5 would otherwise be 200,000 small arrays. Reads as a collection
/// of subgroups, each a slice of `values`.
public struct Subgroups: RandomAccessCollection, Hashable, Sendable {
  /// Every value, subgroup after subgroup.
  public let values: [Double]
  /// Where each subgroup starts in `values`, then `values.count`: subgroup i is `starts[i]..<starts[i + 1]`.
  let starts: [Int]
  /// Each subgroup's label (made when read).
  public let labels: ChartLabels

  init(values: [Double], starts: [Int], labels: ChartLabels) {
    precondition(
      starts.first == 0 && starts.last == values.count && labels.count == starts.count - 1, "malformed subgroups")
    self.values = values
    self.starts = starts
    self.labels = labels
  }

  /// Subgroups given one array each, labelled as given (one label a group) or 1, 2, ….
  public init(_ groups: [[Double]], labels: [String]? = nil) {
    var starts = [0]
    starts.reserveCapacity(groups.count + 1)
    for g in groups { starts.append(starts[starts.count - 1] + g.count) }
    self.init(
      values: Array(groups.joined()), starts: starts,
      labels: labels.map(ChartLabels.init) ?? ChartLabels(numbering: groups.count))
  }

  /// Consecutive runs of `size` values; a shorter last run is kept (its limits are its own).
  public static func consecutive(_ values: [Double], size: Int) throws(Diagnostic) -> Subgroups {
    guard size >= 1 else { throw Diagnostic.error(.invalidCounts, "a subgroup size must be 1 or more, not \(size)") }
    var starts = Array(stride(from: 0, to: values.count, by: size))
    starts.append(values.count)
    return Subgroups(values: values, starts: starts, labels: ChartLabels(numbering: starts.count - 1))
  }

  /// Each present value put in the group its id names, keeping the order within a group; groups
  /// left without a value are dropped with their names.
  static func grouping(_ values: [Double], ids: [Int32], names: [String]) -> Subgroups {
    precondition(values.count == ids.count, "a group id per value")
    let groups = FlatGroups(
      count: ids.count, groups: names.count,
      group: { values[$0].isNaN ? nil : Int(ids[$0]) }, element: { values[$0] })
    return Subgroups(values: groups.elements, starts: groups.starts, labels: ChartLabels(groups.kept.map { names[$0] }))
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { starts.count - 1 }

  public subscript(i: Int) -> ArraySlice<Double> { values[starts[i]..<starts[i + 1]] }

  /// How many values subgroup `i` has.
  func size(_ i: Int) -> Int { starts[i + 1] - starts[i] }

  /// Throws for the first subgroup with a value that is not a finite number (or, when `nonEmpty`, with no value at all).
  func requireFinite(nonEmpty: Bool) throws(Diagnostic) {
    for i in indices {
      try Sample.requireFinite(self[i], name: "subgroup \(i + 1)")
      if nonEmpty && size(i) == 0 { throw Diagnostic.error(.tooFewValues, "subgroup \(i + 1) has no values") }
    }
  }
}
