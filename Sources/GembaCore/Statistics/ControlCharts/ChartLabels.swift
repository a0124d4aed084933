/// The labels of a chart's points, each made when it is read: a chart of a million rows numbers
/// its points (`1`, `2`, … or their row numbers `#12`) without holding a million strings, and a
/// chart drawn from another's points (moving ranges, R, S) reads the same labels by position.
public struct ChartLabels: RandomAccessCollection, Hashable, Sendable {
  private enum Source: Sendable {
    case text([String])
    /// `prefix` then the number: `numbers[i]`, or i + 1 without numbers.
    case numbered([Int]?, prefix: UInt8?)
  }

  private let source: Source
  /// The input point each label names (nil: the i-th).
  private let positions: PointPositions?
  public let count: Int

  /// Labels as given.
  public init(_ labels: [String]) {
    source = .text(labels)
    positions = nil
    count = labels.count
  }

  /// `1` … `count`, or `prefix` and each of `numbers` (`#12`).
  init(numbering count: Int, numbers: [Int]? = nil, prefix: UInt8? = nil) {
    source = .numbered(numbers, prefix: prefix)
    positions = nil
    self.count = numbers?.count ?? count
  }

  private init(source: Source, positions: PointPositions) {
    self.source = source
    self.positions = positions
    count = positions.count
  }

  /// The labels of the input points at `positions`, in that order.
  func at(_ positions: PointPositions) -> ChartLabels {
    if let own = self.positions {
      return ChartLabels(source: source, positions: PointPositions(positions.map { own[$0] }))
    }
    return ChartLabels(source: source, positions: positions)
  }

  /// The labels of the input points at `positions`, in that order.
  func at(_ positions: [Int]) -> ChartLabels { at(PointPositions(positions)) }

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  public subscript(i: Int) -> String {
    let p = positions?[i] ?? i
    switch source {
    case .text(let labels): return labels[p]
    case .numbered(let numbers, let prefix): return PointLabels.label(numbers?[p] ?? p + 1, prefix: prefix)
    }
  }

  /// Equal when they read the same, however they are held.
  public static func == (a: ChartLabels, b: ChartLabels) -> Bool { a.count == b.count && a.elementsEqual(b) }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(count)
    for label in self { hasher.combine(label) }
  }
}
