/// Gives each distinct byte string a dense id, fast: open addressing over FNV-1a hashes.
///
/// Used to count by a column over a million rows without making a String per row; only the
/// distinct values (a handful, usually) are copied.
struct ValueInterner {
  private var slots: [Int32]
  private var mask: Int
  private var hashes: [UInt64] = []
  private var starts: [Int] = []
  private var lengths: [Int] = []
  private var arena: [UInt8] = []

  init() {
    slots = Array(repeating: -1, count: 64)
    mask = 63
  }

  var count: Int { starts.count }

  @inline(__always) static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    var i = 0
    while i + 8 <= n {
      h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* 0x0000_0100_0000_01B3
      h ^= h >> 29
      i += 8
    }
    while i < n {
      h = (h ^ UInt64(p[i])) &* 0x0000_0100_0000_01B3
      i += 1
    }
    return h ^ (h >> 32) ^ UInt64(n)
  }

  /// The id of the bytes, adding them if new.
  @inline(__always) mutating func id(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
    let h = Self.hash(p, n)
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let existing = Int(slots[slot])
      if existing < 0 { break }
      if hashes[existing] == h && lengths[existing] == n && equal(existing, p, n) { return existing }
      slot = (slot + 1) & mask
    }
    let id = starts.count
    slots[slot] = Int32(id)
    hashes.append(h)
    starts.append(arena.count)
    lengths.append(n)
    arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    if starts.count * 2 > mask { grow() }
    return id
  }

  /// The id of the bytes if they were added, without adding them (a join's probe side).
  @inline(__always) func existingID(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
    let h = Self.hash(p, n)
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let existing = Int(slots[slot])
      if existing < 0 { return nil }
      if hashes[existing] == h && lengths[existing] == n && equal(existing, p, n) { return existing }
      slot = (slot + 1) & mask
    }
  }

  mutating func id(_ s: String) -> Int {
    var copy = s
    return copy.withUTF8 { b in
      guard let base = b.baseAddress else { var z: UInt8 = 0; return id(&z, 0) }
      return id(base, b.count)
    }
  }

  @inline(__always) private func equal(_ id: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    if n == 0 { return true }
    return arena.withUnsafeBufferPointer { a in
      let q = a.baseAddress! + starts[id]
      var i = 0
      while i < n { if q[i] != p[i] { return false }; i += 1 }
      return true
    }
  }

  private mutating func grow() {
    let size = (mask + 1) * 2
    slots = Array(repeating: -1, count: size)
    mask = size - 1
    for id in 0..<starts.count {
      var slot = Int(truncatingIfNeeded: hashes[id]) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(id)
    }
  }

  func string(_ id: Int) -> String {
    String(decoding: arena[starts[id]..<(starts[id] + lengths[id])], as: UTF8.self)
  }
}
