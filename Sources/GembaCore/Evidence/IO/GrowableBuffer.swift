#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable array of fixed-width integers (offsets) in malloc'd memory.
///
/// Growth uses `realloc`, which for large blocks remaps pages instead of copying, so a table's
/// peak memory stays close to its final size. Written by one loader thread, then only read.
final class GrowableBuffer<Element: FixedWidthInteger>: @unchecked Sendable {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var count: Int = 0
  private var capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = malloc(self.capacity * MemoryLayout<Element>.stride)!.bindMemory(to: Element.self, capacity: self.capacity)
  }

  @inline(__always) func append(_ value: Element) {
    if count == capacity { grow(to: capacity * 2) }
    base[count] = value
    count += 1
  }

  /// Makes room for `extra` more values so a caller can write them through `base`.
  @inline(__always) func reserve(_ extra: Int) {
    if count + extra > capacity { grow(to: max(capacity * 2, count + extra)) }
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
    base = malloc(capacity * MemoryLayout<Element>.stride)!.bindMemory(to: Element.self, capacity: capacity)
  }

  private func grow(to newCapacity: Int) {
    base = realloc(base, newCapacity * MemoryLayout<Element>.stride)!.bindMemory(to: Element.self, capacity: newCapacity)
    capacity = newCapacity
  }

  deinit { free(base) }
}

typealias OffsetBuffer = GrowableBuffer<UInt32>
typealias HalfBuffer = GrowableBuffer<UInt16>
