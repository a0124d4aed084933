import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams one worksheet part through `SheetScanner` on two threads: one inflates a few MiB at a
/// time and cuts each piece after its last complete `</row>`, the other scans the pieces. Three
/// pieces circulate, so memory holds the grid and about 12 MiB of XML, never the whole part.
enum XlsxSheetReader {
  static let pieceSize = 4 << 20

  /// False when `progress` cancelled the read part way.
  static func read(
    _ reader: ZipEntryReader, entry: ZipArchive.Entry, scanner: inout SheetScanner,
    progress: LoadProgress?
  ) throws(ZipError) -> Bool {
    let queue = PieceQueue(pieces: 3, capacity: pieceSize)
    let producerDone = DispatchSemaphore(value: 0)
    let producer = Thread {
      inflatePieces(reader, into: queue)
      producerDone.signal()
    }
    producer.stackSize = 1 << 20
    producer.start()
    var reported = 0
    var completed = true
    while let piece = queue.takeFull() {
      scanner.scan(piece.bytes, 0, piece.count)
      let produced = piece.produced
      queue.putFree(piece)
      if let progress, entry.size > 0 {
        // Progress is counted in the file's (compressed) bytes.
        let now = Int(Double(produced) / Double(entry.size) * Double(entry.compressedSize))
        if !progress.advance(by: max(0, now - reported)) { completed = false }
        reported = now
      }
      if !completed || scanner.grid.tooLarge {
        queue.stop()
        break
      }
    }
    producerDone.wait()
    if let error = queue.error { throw error }
    return completed
  }

  /// The producer: fills pieces, each ending after a whole row (the rest carried to the next).
  private static func inflatePieces(_ reader: ZipEntryReader, into queue: PieceQueue) {
    var tail: [UInt8] = []
    do throws(ZipError) {
      while let piece = queue.takeFree() {
        var filled = tail.count
        tail.withUnsafeBufferPointer { t in if let p = t.baseAddress { piece.bytes.update(from: p, count: t.count) } }
        var done = false
        var cut = 0
        while true {
          let n = try reader.read(into: piece.bytes + filled, capacity: piece.capacity - filled)
          filled += n
          if n == 0 { done = true }
          if done { cut = filled; break }
          if let c = lastRowEnd(piece.bytes, filled), c > 0 { cut = c; break }
          // One row longer than the piece: make room, or say the memory is not there.
          if filled == piece.capacity, !piece.grow() { throw ZipError.noMemory(reader.name, bytes: filled * 2) }
        }
        tail = Array(UnsafeBufferPointer(start: piece.bytes + cut, count: filled - cut))
        piece.count = cut
        piece.produced = reader.produced
        queue.putFull(piece)
        if done { break }
      }
      queue.finish(nil)
    } catch {
      queue.finish(error)
    }
  }

  /// The offset just after the last `</row>` (or `</x:row>`) in `[0, n)`.
  static func lastRowEnd(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
    var i = n - 1
    while i >= 5 {
      if p[i] == 62 && p[i - 1] == 119 && p[i - 2] == 111 && p[i - 3] == 114 {  // "row>"
        var j = i - 4
        if p[j] == 58 {  // a prefix: walk back to the '<'
          while j > 0 && p[j] != 60 && p[j] != 62 { j -= 1 }
          if p[j] == 60 && p[j + 1] == 47 { return i + 1 }
        } else if p[j] == 47 && j >= 1 && p[j - 1] == 60 {
          return i + 1
        }
      }
      i -= 1
    }
    return nil
  }
}

/// A piece of inflated sheet XML.
final class XMLPiece: @unchecked Sendable {
  // Owned by one thread at a time: handed over through `PieceQueue`.
  private(set) var bytes: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  var count = 0
  var produced = 0

  // malloc'd, so that memory running out is an answer (`grow` returns false), not a crash.
  init(capacity: Int) {
    if let memory = malloc(capacity) {
      self.capacity = capacity
      bytes = memory.assumingMemoryBound(to: UInt8.self)
    } else {
      // Too little memory for a piece: start tiny; the first row that does not fit says so.
      self.capacity = 16
      bytes = malloc(16)!.assumingMemoryBound(to: UInt8.self)
    }
  }

  /// Doubles the piece (a row longer than it); false when the memory is not there.
  func grow() -> Bool {
    guard let bigger = realloc(bytes, capacity * 2) else { return false }
    bytes = bigger.assumingMemoryBound(to: UInt8.self)
    capacity *= 2
    return true
  }

  deinit { free(bytes) }
}

/// Free and full pieces between the inflating and the scanning thread.
final class PieceQueue: @unchecked Sendable {
  // Every field is read and written under `condition`.
  private let condition = NSCondition()
  private var free: [XMLPiece]
  private var full: [XMLPiece] = []
  private var finished = false
  private var stopped = false
  private var failure: ZipError?

  init(pieces: Int, capacity: Int) {
    free = (0..<pieces).map { _ in XMLPiece(capacity: capacity) }
  }

  /// A free piece to fill, or nil once the consumer stopped.
  func takeFree() -> XMLPiece? {
    condition.lock()
    defer { condition.unlock() }
    while free.isEmpty && !stopped { condition.wait() }
    return stopped ? nil : free.removeLast()
  }

  func putFull(_ piece: XMLPiece) {
    condition.lock()
    full.append(piece)
    condition.broadcast()
    condition.unlock()
  }

  /// The next filled piece, or nil at the end (or after a failure).
  func takeFull() -> XMLPiece? {
    condition.lock()
    defer { condition.unlock() }
    while full.isEmpty && !finished { condition.wait() }
    return full.isEmpty ? nil : full.removeFirst()
  }

  func putFree(_ piece: XMLPiece) {
    condition.lock()
    free.append(piece)
    condition.broadcast()
    condition.unlock()
  }

  func finish(_ error: ZipError?) {
    condition.lock()
    finished = true
    failure = error
    if error != nil { full.removeAll() }
    condition.broadcast()
    condition.unlock()
  }

  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }

  var error: ZipError? {
    condition.lock()
    defer { condition.unlock() }
    return failure
  }
}
