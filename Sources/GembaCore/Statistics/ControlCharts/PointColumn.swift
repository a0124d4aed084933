/// A column of a chart's per-point figures (centres, limits, σ) kept as runs of equal values:
/// a stage, or a run of subgroups of one size, is one value however many points it has.
///
/// Reads as a collection of one `Double` per point, so renderers, the record and the rule check
/// see the same figures as a flat array would give. A column whose values change at most points
/// (samples of varying sizes) is kept flat instead.
public struct PointColumn: RandomAccessCollection, Hashable, Sendable {
  private enum Storage: Sendable {
    /// The first point of each run (ascending, the first 0) and its value.
    case runs(starts: [Int], values: [Double])
    case flat([Double])
  }

  private var storage: Storage = .runs(starts: [], values: [])
  public private(set) var count = 0

  public init() {}

  public init(_ values: some Sequence<Double>) {
    for v in values { append(v) }
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  public subscript(i: Int) -> Double {
    precondition(i >= 0 && i < count, "point out of range")
    switch storage {
    case .flat(let values): return values[i]
    case .runs(let starts, let values): return values[Self.run(containing: i, starts)]
    }
  }

  /// The index of the run holding point `i`: the last whose start is at most `i`.
  @inline(__always) private static func run(containing i: Int, _ starts: [Int]) -> Int {
    var lo = 0, hi = starts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if starts[mid] <= i { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }

  /// Appends `n` points of value `v` (joining the last run when it holds the same bits).
  mutating func append(_ v: Double, count n: Int = 1) {
    guard n > 0 else { return }
    switch storage {
    case .flat(var values):
      storage = .flat([])  // keep the buffer uniquely referenced while it grows
      values.append(contentsOf: repeatElement(v, count: n))
      storage = .flat(values)
    case .runs(var starts, var values):
      if let last = values.last, last.bitPattern == v.bitPattern { break }
      storage = .runs(starts: [], values: [])
      if values.count >= 256 && values.count * 4 > count {
        // Values change at most points: a flat column is smaller and faster to read.
        var flat: [Double] = []
        flat.reserveCapacity(count + n)
        for (r, start) in starts.enumerated() {
          let end = r + 1 < starts.count ? starts[r + 1] : count
          flat.append(contentsOf: repeatElement(values[r], count: end - start))
        }
        flat.append(contentsOf: repeatElement(v, count: n))
        storage = .flat(flat)
      } else {
        starts.append(count)
        values.append(v)
        storage = .runs(starts: starts, values: values)
      }
    }
    count += n
  }

  /// Whether no point differs from the first (`!contains { $0 != first }`, so NaN counts as differing).
  var isConstant: Bool {
    switch storage {
    case .flat(let values): return !values.contains { $0 != values[0] }
    case .runs(_, let values): return values.isEmpty || !values.contains { $0 != values[0] }
    }
  }

  /// A reader of the points in ascending order, one run lookup per run rather than per point.
  struct Cursor {
    fileprivate let column: PointColumn
    private var run = 0
    private var runStart = 0
    private var runEnd = 0
    private var value = 0.0

    fileprivate init(_ column: PointColumn) { self.column = column }

    @inline(__always) mutating func at(_ i: Int) -> Double {
      if i >= runStart && i < runEnd { return value }
      switch column.storage {
      case .flat(let values): return values[i]
      case .runs(let starts, let values):
        run = PointColumn.run(containing: i, starts)
        runStart = starts[run]
        runEnd = run + 1 < starts.count ? starts[run + 1] : column.count
        value = values[run]
        return value
      }
    }
  }

  func cursor() -> Cursor { Cursor(self) }

  public static func == (a: PointColumn, b: PointColumn) -> Bool {
    a.count == b.count && a.elementsEqual(b)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(count)
    for v in self { hasher.combine(v) }
  }
}

extension PointColumn: ExpressibleByArrayLiteral {
  public init(arrayLiteral values: Double...) { self.init(values) }
}
