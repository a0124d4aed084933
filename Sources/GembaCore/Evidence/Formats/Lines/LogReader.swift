/// Splits log lines into `time`, `level` and `message` when they start with an ISO-8601 time.
extension LineReader {
  static let levels: Set<String> = [
    "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "ERR",
    "FATAL", "CRITICAL", "CRIT", "ALERT", "EMERG", "SEVERE",
  ]
  /// Whether the `count` bytes at `p` are a level name in any case.
  @inline(__always) static func isLevel(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    guard count >= 1, count <= 8 else { return false }
    var word: UInt64 = 0
    for k in 0..<count { word = word << 8 | upper(p[k]) }
    return isPackedLevel(word)
  }

  @inline(__always) static func upper(_ c: UInt8) -> UInt64 { UInt64(c &- 97 < 26 ? c &- 32 : c) }

  /// Whether `word` is a name of `levels` as upper-case bytes packed big-end first (all fit in
  /// 8 bytes), so a line's level is checked without making a string: millions of lines per load.
  @inline(__always) static func isPackedLevel(_ word: UInt64) -> Bool {
    switch word {
    // TRACE DEBUG INFO NOTICE WARN WARNING
    case 0x5452_4143_45, 0x4445_4255_47, 0x494E_464F, 0x4E4F_5449_4345, 0x5741_524E, 0x57_4152_4E49_4E47,
      0x4552_524F_52, 0x45_5252, 0x4641_5441_4C, 0x4352_4954_4943_414C, 0x4352_4954,  // ERROR ERR FATAL CRITICAL CRIT
      0x414C_4552_54, 0x454D_4552_47, 0x5345_5645_5245:  // ALERT EMERG SEVERE
      return true
    default:
      return false
    }
  }

  func readLog() -> LineTable {
    var sampled = 0, timed = 0
    forEachLineSample { s, e in
      sampled += 1
      if timestampEnd(s, e) != nil { timed += 1 }
    }
    guard sampled > 0, timed * 2 >= sampled else {
      guard sampled > 0 else { return readText() }
      var json = 0, access = 0
      forEachLineSample { s, e in
        if base[s] == 123 { json += 1 }
        if accessFields(s, e) != nil { access += 1 }
      }
      if json * 2 >= sampled {
        var table = readJSONLines()
        table.isJSON = true
        table.layoutName = "JSON"
        return table
      }
      if access * 2 >= sampled { return readAccessLog() }
      if looksLikeRecords() { return readRecords() }
      if let layout = sniffLayout() { return readLayout(layout) }
      return readText()
    }
    let cells = OffsetBuffer(capacity: max(1024, (end - start) / 80 * 8))
    var lines = LineIndex()
    var rows = 0
    var problems: [EvidenceProblem] = []
    // The time column's type is decided here, cell by cell as the lines arrive, while the
    // other core still hashes (the same scan `ColumnTypeInference.profile` runs over the table).
    var timeScan = ColumnTypeInference.startScan()
    forEachLine { s, e, line in
      cells.reserve(8)
      let r = cells.base + cells.count
      r[0] = UInt32(s); r[1] = UInt32(e)
      var message = s
      if let t = timestampEnd(s, e) {
        r[2] = UInt32(s); r[3] = UInt32(t)
        if profilesTime && !timeScan.active.isEmpty {
          withTrimmedBytes(base, .bytes(s, t)) { p, n in if n > 0 { timeScan.visit(p, n, row: rows) } }
        }
        var p = t
        while p < e && (base[p] == 32 || base[p] == 44) { p += 1 }
        // log4j's `TIME - LEVEL [thread] - message` (ZooKeeper)
        if p + 1 < e && base[p] == 45 && base[p + 1] == 32 { p += 2; while p < e && base[p] == 32 { p += 1 } }
        if let (ls, le, after) = level(p, e) {
          r[4] = UInt32(ls); r[5] = UInt32(le)
          p = after
          while p < e && base[p] == 32 { p += 1 }
        } else {
          r[4] = missingCell; r[5] = missingCell
        }
        message = p
      } else {
        r[2] = missingCell; r[3] = missingCell; r[4] = missingCell; r[5] = missingCell
      }
      r[6] = UInt32(message); r[7] = UInt32(e)
      cells.setCount(cells.count + 8)
      lines.record(row: rows, line: line)
      rows += 1
      if e - s > Self.longLine { problems.append(longLineProblem(row: rows, line: line, offset: s, length: e - s)) }
    }
    var table = LineTable(
      columns: ["time", "level", "message"],
      segment: TableSegment(firstRow: 0, rowCount: rows, cells: cells, lines: lines),
      problems: problems, problemCount: problems.count)
    if profilesTime { table.timeProfile = ColumnTypeInference.profile(after: timeScan, name: "time") }
    return table
  }

  func forEachLineSample(_ body: (Int, Int) -> Void) {
    var n = 0
    let sample = LineReader(file: file, base: base, start: start, end: min(end, start + (1 << 16)), arrival: arrival)
    sample.forEachLine { s, e, _ in
      if n < 200 && e > s { body(s, e); n += 1 }
    }
  }

  /// The end of an ISO-8601 date-time at `s` (`2026-03-01T10:04:11.123Z`, `2026-03-01 10:04:11`).
  func timestampEnd(_ s: Int, _ e: Int) -> Int? {
    guard e - s >= 16 else { return nil }
    func digit(_ i: Int) -> Bool { base[s + i] &- 48 < 10 }
    guard digit(0), digit(1), digit(2), digit(3), base[s + 4] == 45, digit(5), digit(6), base[s + 7] == 45,
      digit(8), digit(9), base[s + 10] == 84 || base[s + 10] == 32, digit(11), digit(12), base[s + 13] == 58
    else { return nil }
    var p = s + 14
    while p < e, base[p] &- 48 < 10 || base[p] == 58 || base[p] == 46 || base[p] == 44 { p += 1 }
    if p < e && base[p] == 90 { return p + 1 }
    // `2016-09-28 04:30:30, Info` (Windows CBS): the comma ends the time.
    if base[p - 1] == 44 { return p - 1 }
    if p + 2 < e && (base[p] == 43 || base[p] == 45) && base[p + 1] &- 48 < 10 {
      p += 1
      while p < e, base[p] &- 48 < 10 || base[p] == 58 { p += 1 }
    }
    return p
  }

  /// A level word at `p`, bare or in brackets: its range and the offset after it.
  private func level(_ p: Int, _ e: Int) -> (Int, Int, Int)? {
    var s = p
    let bracket = s < e && base[s] == 91
    if bracket { s += 1 }
    // The word's letters, packed upper-case as they are passed (a level has at most 8).
    var q = s
    var word: UInt64 = 0
    while q < e && q - s < 9, (base[q] | 0x20) &- 97 < 26 {
      word = word << 8 | Self.upper(base[q])
      q += 1
    }
    guard q > s, q - s <= 8, Self.isPackedLevel(word) else { return nil }
    var after = q
    if bracket { guard after < e && base[after] == 93 else { return nil }; after += 1 }
    if base[after - 1] != 93 && after < e && base[after] == 58 { after += 1 }  // "ERROR:"
    guard after == e || base[after] == 32 else { return nil }
    return (s, q, after)
  }
}
