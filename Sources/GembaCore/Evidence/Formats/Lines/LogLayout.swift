/// The log layouts recognised besides ISO-8601-first lines: each a few fields matched left to
/// right over bytes (linear, no regular expression), with the layout its time is written in.
///
/// The layout is chosen from a sample of lines: the one that matches most of them (at least
/// half), its time reading in its format. The `time` column is then read in that format.
struct LogLayout: Sendable {
  enum Field: Sendable {
    /// A run of non-space bytes, skipped.
    case word
    /// The time: this many space-separated words.
    case time(words: Int)
    /// The time inside `[` `]`.
    case bracketTime
    /// The time up to this byte (which is consumed).
    case timeUntil(UInt8)
    /// A level word (`INFO`, `notice`, `WARNING`…), bare or in brackets.
    case level
    /// logcat's one-letter level (`V D I W E F A`).
    case letterLevel
  }

  let name: String
  let fields: [Field]
  let timeFormat: ValueFormat
  var hasLevel: Bool {
    fields.contains {
      if case .level = $0 { return true }; if case .letterLevel = $0 { return true }; return false
    }
  }

  static let all: [LogLayout] = {
    func date(_ layout: String) -> ValueFormat { .date(try! DatePattern(layout)) }
    return [
      LogLayout(name: "Apache error log", fields: [.bracketTime, .level], timeFormat: date("%a %b %d %H:%M:%S %Y")),
      LogLayout(name: "Proxifier", fields: [.bracketTime], timeFormat: date("%m.%d %H:%M:%S")),
      LogLayout(
        name: "Android logcat", fields: [.time(words: 2), .word, .word, .letterLevel],
        timeFormat: date("%m-%d %H:%M:%S")),
      LogLayout(name: "Spark (log4j)", fields: [.time(words: 2), .level], timeFormat: date("%y/%m/%d %H:%M:%S")),
      LogLayout(name: "HDFS", fields: [.time(words: 2), .word, .level], timeFormat: date("%y%m%d %H%M%S")),
      LogLayout(name: "OpenStack", fields: [.word, .time(words: 2), .word, .level], timeFormat: .standard),
      LogLayout(
        name: "BGL", fields: [.word, .word, .word, .word, .time(words: 1), .word, .word, .word, .level],
        timeFormat: date("%Y-%m-%d-%H.%M.%S.%f")),
      LogLayout(
        name: "Thunderbird", fields: [.word, .word, .word, .word, .time(words: 3)], timeFormat: date("%b %d %H:%M:%S")),
      LogLayout(name: "HPC", fields: [.word, .word, .word, .word, .time(words: 1)], timeFormat: .epochSeconds),
      LogLayout(name: "HealthApp", fields: [.timeUntil(124)], timeFormat: date("%Y%m%d-%H:%M:%S:%f")),
      LogLayout(name: "syslog", fields: [.time(words: 3)], timeFormat: date("%b %d %H:%M:%S")),
    ]
  }()

  struct Match {
    var time: (Int, Int)
    var level: (Int, Int)?
    var message: Int
  }

  /// The fields of the line `s..<e`, or nil when it does not follow the layout (its time
  /// included: the time must read in `timeFormat`).
  func match(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Match? {
    var p = s
    var time: (Int, Int)? = nil
    var level: (Int, Int)? = nil
    func spaces() { while p < e && base[p] == 32 { p += 1 } }
    func word() -> (Int, Int)? {
      let start = p
      while p < e && base[p] != 32 { p += 1 }
      return p > start ? (start, p) : nil
    }
    for (k, field) in fields.enumerated() {
      if k > 0 { spaces() }
      switch field {
      case .word: guard word() != nil else { return nil }
      case .time(let words):
        let start = p
        for w in 0..<words {
          if w > 0 { spaces() }
          guard word() != nil else { return nil }
        }
        time = (start, p)
      case .bracketTime:
        guard p < e, base[p] == 91 else { return nil }
        let start = p + 1
        while p < e && base[p] != 93 { p += 1 }
        guard p < e else { return nil }
        time = (start, p)
        p += 1
      case .timeUntil(let stop):
        let start = p
        while p < e && base[p] != stop { p += 1 }
        guard p < e, p > start else { return nil }
        time = (start, p)
        p += 1
      case .level:
        let bracket = p < e && base[p] == 91
        if bracket { p += 1 }
        let start = p
        while p < e && p - start < 9, (base[p] | 0x20) &- 97 < 26 { p += 1 }
        guard p > start else { return nil }
        guard LineReader.isLevel(base + start, p - start) else { return nil }
        level = (start, p)
        if bracket { guard p < e, base[p] == 93 else { return nil }; p += 1 }
        if p < e && base[p] == 58 { p += 1 }
        guard p == e || base[p] == 32 else { return nil }
      case .letterLevel:
        guard p < e, [86, 68, 73, 87, 69, 70, 65].contains(base[p]), p + 1 == e || base[p + 1] == 32 else { return nil }
        level = (p, p + 1)
        p += 1
      }
    }
    guard let time, ValueReader(type: .dateTime, format: timeFormat).instant(base + time.0, time.1 - time.0) != nil
    else { return nil }
    spaces()
    return Match(time: time, level: level, message: p)
  }
}

extension LineReader {
  /// The layout most sampled lines follow (at least half of them), or nil.
  func sniffLayout() -> LogLayout? {
    var best: (LogLayout, Int)? = nil
    var sampled = 0
    var hits = [Int](repeating: 0, count: LogLayout.all.count)
    forEachLineSample { s, e in
      sampled += 1
      for (k, layout) in LogLayout.all.enumerated() where layout.match(base, s, e) != nil { hits[k] += 1 }
    }
    for (k, layout) in LogLayout.all.enumerated() where hits[k] * 2 >= sampled && hits[k] > (best?.1 ?? 0) {
      best = (layout, hits[k])
    }
    return best?.0
  }

  /// Lines in a recognised layout: `time`, `level` (when the layout has one) and `message`.
  /// Lines that do not follow it (continuations, stack traces) keep only their message.
  func readLayout(_ layout: LogLayout) -> LineTable {
    let columns = layout.hasLevel ? ["time", "level", "message"] : ["time", "message"]
    let width = 2 * columns.count + 2
    let cells = OffsetBuffer(capacity: max(1024, (end - start) / 80 * width))
    var lines = LineIndex()
    var rows = 0
    var problems: [EvidenceProblem] = []
    forEachLine { s, e, line in
      cells.reserve(width)
      let r = cells.base + cells.count
      r[0] = UInt32(s); r[1] = UInt32(e)
      if let m = layout.match(base, s, e) {
        r[2] = UInt32(m.time.0); r[3] = UInt32(m.time.1)
        var k = 4
        if layout.hasLevel {
          r[4] = m.level.map { UInt32($0.0) } ?? missingCell; r[5] = m.level.map { UInt32($0.1) } ?? missingCell
          k = 6
        }
        r[k] = UInt32(m.message); r[k + 1] = UInt32(e)
      } else {
        for k in stride(from: 2, to: width - 2, by: 1) { r[k] = missingCell }
        r[width - 2] = UInt32(s); r[width - 1] = UInt32(e)
      }
      cells.setCount(cells.count + width)
      lines.record(row: rows, line: line)
      rows += 1
      if e - s > Self.longLine { problems.append(longLineProblem(row: rows, line: line, offset: s, length: e - s)) }
    }
    return LineTable(
      columns: columns, segment: TableSegment(firstRow: 0, rowCount: rows, cells: cells, lines: lines),
      problems: problems, problemCount: problems.count, timeFormat: layout.timeFormat, layoutName: layout.name)
  }
}
