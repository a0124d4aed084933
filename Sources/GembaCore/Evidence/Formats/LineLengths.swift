import Foundation

/// The one cap on a line of text evidence (CSV, TSV, logs, text, JSON Lines, records), and its check.
///
/// No line of evidence is 64 MiB long: a longer one is a file of one endless line, or a sparse or
/// damaged file's run of NULs. It is refused naming its line, as soon as the bytes read show it:
/// the rest of the file is neither scanned nor hashed (a 3.9 GiB sparse file is refused after
/// touching 64 MiB of it).
enum LineLengths {
  /// The longest line loaded (64 MiB).
  static let longest = 64 << 20

  /// Refuses the bytes [start, end), all in memory, when a line is longer than `longest`. Looks
  /// back a little from the end of each window of that many bytes for a line break (LF, or CR in
  /// a file of CR-only lines), so it touches little of a file of ordinary lines.
  static func check(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, file: String) throws(EvidenceError) {
    var lineStart = start
    while end - lineStart > longest {
      let windowEnd = lineStart + longest
      // A break near the window's end (the usual case), found by a short look back.
      var p = windowEnd
      let stop = max(lineStart, windowEnd - (64 << 10))
      while p >= stop && base[p] != 10 && base[p] != 13 { p -= 1 }
      if p >= stop {
        lineStart = p + 1
        continue
      }
      // Otherwise the window's last break, found a line at a time with memchr (never a byte
      // loop over 64 MiB, never a scan past the window); CR only in a file without LF there.
      var last = -1
      for byte: Int32 in [10, 13] where last < 0 {
        var q = lineStart
        while q <= windowEnd, let hit = memchr(base + q, byte, windowEnd + 1 - q) {
          last = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          q = last + 1
        }
      }
      guard last >= 0 else {
        throw refusal(file: file, line: lineNumber(base, from: start, to: lineStart), at: lineStart, fileSize: end)
      }
      lineStart = last + 1
    }
  }

  /// The 1-based number of the line starting at `offset` (counting LFs from `start`).
  static func lineNumber(_ base: UnsafePointer<UInt8>, from start: Int, to offset: Int) -> Int {
    var line = 1
    var p = start
    while p < offset, let hit = memchr(base + p, 10, offset - p) {
      line += 1
      p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
    }
    return line
  }

  /// Line `line`, starting at byte `offset` of a file of `fileSize` bytes, has no line break in
  /// its first `longest` bytes. Its full length is not measured: that would read the rest of
  /// the file, which is what the refusal spares.
  static func refusal(file: String, line: Int, at offset: Int, fileSize: Int) -> EvidenceError {
    EvidenceError(
      EvidenceProblem(
        .longLine, file: file, line: line, byteOffset: offset,
        message:
          "line \(NumberFormat.integer(line)) has no line break in its first \(longest >> 20) MiB (it starts at byte \(NumberFormat.integer(offset)) of \(NumberFormat.integer(fileSize))): more than a line of evidence may be (\(longest >> 20) MiB); nothing was loaded",
        action: .refused),
      hint: "split the file, or cut that line out (a run of NUL bytes is a sparse or damaged file)")
  }
}
