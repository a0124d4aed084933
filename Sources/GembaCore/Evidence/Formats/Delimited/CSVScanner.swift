#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Receives what `CSVScanner` finds, in order: records made of fields, and oddities.
protocol CSVRecordSink {
  mutating func beginRecord(start: Int, line: Int)
  /// The current field ends at byte `end` (exclusive); it started after the previous delimiter.
  mutating func field(end: Int)
  mutating func endRecord()
  /// An empty line between records: not a row.
  mutating func blankLine(offset: Int, line: Int)
  /// A quote inside an unquoted field, or bytes after a closing quote, in the current record.
  mutating func strayQuote(offset: Int, line: Int)
}

/// A one-pass RFC 4180 scanner over bytes: finds record and field boundaries without copying.
///
/// Fields are reported by their end offset only (a field starts one byte after the previous
/// field's end), which keeps a table at four bytes per cell. Quoted fields keep their quotes;
/// `CellDecoder` removes them when a cell is read. The scanner can stop at a record boundary and
/// resume, which is what lets a file be scanned in chunks on several cores.
struct CSVScanner<Sink: CSVRecordSink> {
  let base: UnsafePointer<UInt8>
  let end: Int
  let classes: UnsafePointer<UInt8>
  let delimiter: UInt8
  /// The quote byte, or 256 (never a byte) when the dialect does not quote.
  let quote: Int
  let comment: Int
  var pos: Int
  /// The line number at `pos`.
  var line: Int
  var sink: Sink
  var endings = LineEndingStats()
  /// Where the quote opened when the input ended inside a quoted field.
  var unterminatedQuote: (offset: Int, line: Int)?
  var progress: LoadProgress?
  /// Set when `progress` was cancelled; the scan stopped early.
  var cancelled = false

  init(
    base: UnsafePointer<UInt8>, end: Int, classes: UnsafePointer<UInt8>, dialect: CSVDialect,
    start: Int, line: Int, sink: Sink
  ) {
    self.base = base
    self.end = end
    self.classes = classes
    self.delimiter = dialect.delimiter
    self.quote = dialect.quote.map(Int.init) ?? 256
    self.comment = dialect.comment.map(Int.init) ?? 256
    self.pos = start
    self.line = line
    self.sink = sink
  }

  /// Scans whole records while a record starts before `stop`; the last one may run past it.
  mutating func run(until stop: Int) {
    let limit = min(stop, end)
    guard let progress else {
      while pos < limit { scanRecord() }
      return
    }
    var reported = pos
    while pos < limit {
      scanRecord()
      if pos - reported >= LoadProgress.step {
        if !progress.advance(by: pos - reported) { cancelled = true; return }
        reported = pos
      }
    }
    _ = progress.advance(by: pos - reported)
  }

  @inline(__always) mutating func scanRecord() {
    let first = base[pos]
    if first == 10 || first == 13 {
      sink.blankLine(offset: pos, line: line)
      pos = consumeTerminator(at: pos, counting: false)
      return
    }
    if Int(first) == comment {
      var p = pos
      while p < end && base[p] != 10 && base[p] != 13 { p += 1 }
      pos = p < end ? consumeTerminator(at: p, counting: false) : end
      return
    }
    sink.beginRecord(start: pos, line: line)
    var p = pos
    while true {
      if p < end && Int(base[p]) == quote {
        p = scanQuoted(from: p)
      } else {
        p = scanPlain(from: p)
      }
      sink.field(end: p)
      if p >= end { break }
      if base[p] == delimiter {
        p += 1
        continue
      }
      p = consumeTerminator(at: p, counting: true)
      break
    }
    sink.endRecord()
    pos = p
  }

  /// Skips an LF, CRLF or lone CR at `p`; returns the offset after it.
  @inline(__always) private mutating func consumeTerminator(at p: Int, counting: Bool) -> Int {
    var next = p + 1
    if base[p] == 13 {
      if next < end && base[next] == 10 {
        next += 1
        if counting { endings.crlf += 1; if endings.firstCRLF == nil { endings.firstCRLF = line } }
      } else if counting {
        endings.cr += 1
        if endings.firstCR == nil { endings.firstCR = line }
      }
    } else if counting {
      endings.lf += 1
      if endings.firstLF == nil { endings.firstLF = line }
    }
    line += 1
    return next
  }

  /// Runs over plain bytes up to a delimiter, line break or the end. A quote here is literal.
  @inline(__always) private mutating func scanPlain(from start: Int) -> Int {
    var p = start
    while true {
      while p < end && classes[Int(base[p])] == ByteClass.plain { p += 1 }
      if p < end && Int(base[p]) == quote {
        sink.strayQuote(offset: p, line: line)
        p += 1
        continue
      }
      return p
    }
  }

  /// Runs over a quoted field from its opening quote, through doubled quotes and line breaks.
  private mutating func scanQuoted(from open: Int) -> Int {
    let openLine = line
    var q = open + 1
    let quoteByte = Int32(quote)
    while true {
      guard let hit = memchr(base + q, quoteByte, end - q) else {
        line += countLineBreaks(from: q, to: end)
        unterminatedQuote = (open, openLine)
        return end
      }
      let h = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      line += countLineBreaks(from: q, to: h)
      if h + 1 < end && Int(base[h + 1]) == quote {
        q = h + 2
        continue
      }
      q = h + 1
      break
    }
    // Bytes after the closing quote are kept (decoding drops trailing spaces) but reported.
    if q < end && classes[Int(base[q])] != ByteClass.delimiter
      && classes[Int(base[q])] != ByteClass.lineFeed && classes[Int(base[q])] != ByteClass.carriageReturn
    {
      var onlySpaces = true
      var p = q
      while p < end {
        let k = classes[Int(base[p])]
        if k != ByteClass.plain && k != ByteClass.quote { break }
        if base[p] != 32 && base[p] != 9 { onlySpaces = false }
        p += 1
      }
      if !onlySpaces { sink.strayQuote(offset: q, line: line) }
      return p
    }
    return q
  }

  /// Line breaks inside a quoted field: LF, CRLF (once) and lone CR.
  private func countLineBreaks(from a: Int, to b: Int) -> Int {
    var n = 0
    var p = a
    while p < b {
      let c = base[p]
      if c == 10 { n += 1 } else if c == 13 && (p + 1 >= end || base[p + 1] != 10) { n += 1 }
      p += 1
    }
    return n
  }
}
