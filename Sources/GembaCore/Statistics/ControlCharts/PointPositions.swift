/// The input position each point of a chart plots, held as a range while the positions run on
/// one after another (an individuals chart of a million rows: 0..<1,000,000, not 8 MB), and as a
/// list once they skip (moving ranges across stages, points left out).
public struct PointPositions: RandomAccessCollection, Hashable, Sendable {
  private enum Storage: Hashable, Sendable {
    case run(Range<Int>)
    case list([Int])
  }

  private var storage: Storage = .run(0..<0)

  public init() {}

  public init(_ positions: [Int]) {
    storage = .list(positions)
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int {
    switch storage {
    case .run(let r): return r.count
    case .list(let l): return l.count
    }
  }

  @inline(__always) public subscript(i: Int) -> Int {
    switch storage {
    case .run(let r):
      precondition(i >= 0 && i < r.count, "point out of range")
      return r.lowerBound + i
    case .list(let l): return l[i]
    }
  }

  mutating func append(contentsOf positions: Range<Int>) {
    guard !positions.isEmpty else { return }
    switch storage {
    case .run(let r) where r.isEmpty: storage = .run(positions)
    case .run(let r) where r.upperBound == positions.lowerBound: storage = .run(r.lowerBound..<positions.upperBound)
    case .run(let r):
      storage = .list(Array(r) + Array(positions))
    case .list(var l):
      storage = .list([])  // keep the buffer uniquely referenced while it grows
      l.append(contentsOf: positions)
      storage = .list(l)
    }
  }

  mutating func append(_ position: Int) { append(contentsOf: position..<(position + 1)) }

  public static func == (a: PointPositions, b: PointPositions) -> Bool { a.elementsEqual(b) }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(count)
    for p in self { hasher.combine(p) }
  }
}
