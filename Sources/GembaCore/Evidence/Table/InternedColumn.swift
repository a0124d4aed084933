import Foundation

/// A base column's trimmed values as dense ids in order of first appearance, read once per
/// table (`EvidenceTable.internedColumn`): `compare`, a cross-tab and a p chart's yes/no column
/// group by ids instead of hashing a million cells each time.
enum InternedColumn: Sendable {
  case read(ids: [Int32], values: ValueInterner)
  /// The reading stopped once more than `than` distinct values were seen.
  case tooMany(than: Int)
}

extension EvidenceTable {
  /// A reading asked to stop early stops past this many distinct values, so the next limited
  /// question on the column is answered from the cache too.
  static let limitedReading = 1024
  /// Readings with more distinct values than this (row ids, free text) are not kept: they are
  /// rarely grouped by twice and would hold their text a second time.
  static let mostKeptValues = 65_536

  /// Each row's trimmed value of base `column` as an id, ids in order of first appearance, and
  /// the values; nil as soon as the column shows more than `limit` distinct values.
  func internedColumn(_ column: Int, atMost limit: Int?) -> (ids: [Int32], values: ValueInterner)? {
    let owner = rootTable
    let most = limit ?? Int.max
    let reading = owner.idCache.cached(
      column,
      keeps: { kept in
        switch kept {
        case .read: return true
        case .tooMany(let than): return most <= than
        }
      },
      storing: { read in
        switch read {
        case .read(_, let values): return values.count <= Self.mostKeptValues
        case .tooMany: return true
        }
      },
      { owner.intern(column, atMost: limit.map { max($0, Self.limitedReading) }) })
    switch reading {
    case .read(let ids, let values): return values.count > most ? nil : (ids, values)
    case .tooMany: return nil
    }
  }

  /// Whether base `column`'s ids were read whole (a subset of rows then takes them from there).
  func hasInternedColumn(_ column: Int) -> Bool {
    if case .read = rootTable.idCache.existing(column) { return true }
    return false
  }

  /// Reads the column's ids. A long table is read in parts on all cores, each with its own
  /// interner; the parts' values are then given ids part after part, each part's in its own order
  /// of appearance, which is the order of first appearance over all the rows.
  private func intern(_ column: Int, atMost limit: Int?) -> InternedColumn {
    let count = rowCount
    let most = limit ?? Int.max
    let parts = Parallel.parts(count, pieces: count >= Self.parallelRows ? 8 : 1)
    let locals = parts.map { _ in ResultBox(ValueInterner()) }
    let tooMany = parts.map { _ in ResultBox(false) }
    var ids = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
      let out = DisjointWrites(buffer: buffer)
      Parallel.run(
        parts.indices.map { k in
          { @Sendable in
            var interner = ValueInterner()
            // In blocks, so a part stops soon after it passes the limit.
            for start in Swift.stride(from: parts[k].lowerBound, to: parts[k].upperBound, by: 1 << 14) {
              self.forEachRow(in: start..<min(start + (1 << 14), parts[k].upperBound)) { row, cursor, local in
                withTrimmedBytes(self.base, self.value(cursor, local: local, column: column)) { p, n in
                  (out.buffer.baseAddress! + row).initialize(to: Int32(interner.id(p, n)))
                }
              }
              if interner.count > most { tooMany[k].value = true; break }
            }
            locals[k].value = interner
          }
        })
      // Every place is written unless a part stopped early, and then the ids are not kept.
      initialized = tooMany.contains { $0.value } ? 0 : count
    }
    if tooMany.contains(where: { $0.value }) { return .tooMany(than: most) }
    if parts.count == 1 { return .read(ids: ids, values: locals[0].value) }
    var global = ValueInterner()
    let globalIDs = locals.map { local in (0..<local.value.count).map { Int32(global.id(local.value.string($0))) } }
    if global.count > most { return .tooMany(than: most) }
    let renumbered = parts.indices.filter { k in globalIDs[k].indices.contains { globalIDs[k][$0] != Int32($0) } }
    if !renumbered.isEmpty {
      ids.withUnsafeMutableBufferPointer { buffer in
        let out = DisjointWrites(buffer: buffer)
        Parallel.run(
          renumbered.map { k in
            { @Sendable in for i in parts[k] { out.buffer[i] = globalIDs[k][Int(out.buffer[i])] } }
          })
      }
    }
    return .read(ids: ids, values: global)
  }

  /// From this many rows, a column is read in parts on all cores.
  static let parallelRows = 200_000
}

extension EvidenceTable {
  /// Base date/time `column`'s instants (seconds since 1970; NaN where a cell reads as none), by
  /// the column's own reader, read once per table.
  func instantColumn(_ column: Int) -> [Double] {
    let owner = rootTable
    return owner.instantCache.cached(column) {
      let reader = owner.reader(column)
      return owner.mapColumn(column) { p, n in reader.instant(p, n) ?? .nan }
    }
  }

  /// Whether base `column`'s instants were read.
  func hasInstantColumn(_ column: Int) -> Bool { rootTable.instantCache.existing(column) != nil }

  /// `transform` of each row's trimmed value of base `column`, by row; a long table in parts on
  /// all cores (each row on its own, written to its own place).
  func mapColumn(_ column: Int, _ transform: @escaping @Sendable (UnsafePointer<UInt8>, Int) -> Double) -> [Double] {
    let count = rowCount
    return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      let out = DisjointWrites(buffer: buffer)
      Parallel.run(
        Parallel.parts(count, pieces: count >= Self.parallelRows ? 8 : 1).map { part in
          { @Sendable in
            self.forEachRow(in: part) { row, cursor, local in
              withTrimmedBytes(self.base, self.value(cursor, local: local, column: column)) { p, n in
                (out.buffer.baseAddress! + row).initialize(to: transform(p, n))
              }
            }
          }
        })
      initialized = count
    }
  }
}
