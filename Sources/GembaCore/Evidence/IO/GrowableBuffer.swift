#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A growable array of fixed-width integers (offsets) in malloc'd memory.
///
/// Growth uses `realloc`, which for large blocks remaps pages instead of copying, so a table's
/// peak memory stays close to its final size. Written by one loader thread, then only read.
///
/// Running out of memory does not stop the scanner that is appending (its loop cannot throw):
/// the buffer marks itself `exhausted` and from then on writes over the memory it already has,
/// keeping every write in bounds. Its contents are then garbage; the loader checks `exhausted`
/// when the scan ends and refuses the file (`EvidenceLoader.outOfMemory`).
final class GrowableBuffer<Element: FixedWidthInteger>: @unchecked Sendable {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var count: Int = 0
  private var capacity: Int
  /// Whether a growth failed for want of memory: the contents are not to be used.
  private(set) var exhausted = false

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    if let memory = Self.allocate(self.capacity) {
      base = memory
    } else {
      // Too large an estimate for the memory left: start small and marked, so the load is refused.
      self.capacity = 16
      base = Self.allocateOrStop(16)
      exhausted = true
    }
  }

  @inline(__always) func append(_ value: Element) {
    if count == capacity { grow(to: capacity * 2, keeping: 1) }
    base[count] = value
    count += 1
  }

  /// Makes room for `extra` more values so a caller can write them through `base`.
  @inline(__always) func reserve(_ extra: Int) {
    if count + extra > capacity { grow(to: max(capacity * 2, count + extra), keeping: extra) }
  }

  /// Sets `count` after writing directly through `base` (within reserved capacity).
  @inline(__always) func setCount(_ n: Int) { count = n }

  @inline(__always) subscript(i: Int) -> Element {
    get { base[i] }
    set { base[i] = newValue }
  }

  func removeLast(_ n: Int) { count -= n }

  /// Forgets the current memory (its new owner frees it) and starts empty.
  func detach() {
    capacity = 16
    count = 0
    base = Self.allocateOrStop(capacity)
  }

  /// Grows to `newCapacity`; without the memory, marks the buffer exhausted and starts writing
  /// again from the front, so the next `room` values still fit.
  private func grow(to newCapacity: Int, keeping room: Int) {
    if !exhausted, let bigger = realloc(base, newCapacity * MemoryLayout<Element>.stride) {
      base = bigger.bindMemory(to: Element.self, capacity: newCapacity)
      capacity = newCapacity
      return
    }
    exhausted = true
    count = 0
    if room > capacity, let bigger = realloc(base, room * MemoryLayout<Element>.stride) {
      base = bigger.bindMemory(to: Element.self, capacity: room)
      capacity = room
    } else if room > capacity {
      Self.outOfMemory(room)
    }
  }

  private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<Element>? {
    malloc(capacity * MemoryLayout<Element>.stride)?.bindMemory(to: Element.self, capacity: capacity)
  }

  private static func allocateOrStop(_ capacity: Int) -> UnsafeMutablePointer<Element> {
    guard let memory = allocate(capacity) else { outOfMemory(capacity) }
    return memory
  }

  /// Not even one row's worth is left: nothing can go on (the Swift runtime stops the same way
  /// when an array cannot grow), but it says why.
  private static func outOfMemory(_ capacity: Int) -> Never {
    fatalError("out of memory: \(capacity * MemoryLayout<Element>.stride) bytes for a table's offsets")
  }

  deinit { free(base) }
}

typealias OffsetBuffer = GrowableBuffer<UInt32>
typealias HalfBuffer = GrowableBuffer<UInt16>
