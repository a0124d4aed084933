/// Web server access logs in the Common and Combined Log Formats (Apache, nginx):
/// `127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326 "ref" "agent"`.
extension LineReader {
  static let accessColumns = [
    "client", "ident", "user", "time", "method", "path", "protocol", "status", "bytes", "referer", "agent",
  ]
  static let accessTimeFormat = ValueFormat.date(try! DatePattern("%d/%b/%Y:%H:%M:%S %z"))

  /// The fields of an access-log line as byte ranges (11, in `accessColumns` order), or nil.
  func accessFields(_ s: Int, _ e: Int) -> [(Int, Int)?]? {
    var damage: String?
    return accessFields(s, e, damage: &damage)
  }

  /// The same, and `damage` says what was wrong with a line that was read only in part: a quoted
  /// referer or user agent that the line ends inside (a line cut off), kept as far as it goes.
  func accessFields(_ s: Int, _ e: Int, damage: inout String?) -> [(Int, Int)?]? {
    var p = s
    var out: [(Int, Int)?] = []
    out.reserveCapacity(11)
    func word() -> (Int, Int)? {
      let start = p
      while p < e && base[p] != 32 { p += 1 }
      return p > start ? (start, p) : nil
    }
    func space() -> Bool {
      guard p < e && base[p] == 32 else { return false }
      while p < e && base[p] == 32 { p += 1 }
      return true
    }
    func quoted() -> (Int, Int)? {
      guard p < e && base[p] == 34 else { return nil }
      let open = p
      p += 1
      while p < e && base[p] != 34 { p += base[p] == 92 ? 2 : 1 }
      guard p < e else {
        p = open  // unterminated: left where it was, for `cut` to read
        return nil
      }
      p += 1
      return (open + 1, p - 1)
    }
    // `-` stands for "none" in every field of the format, quoted ("-") or not.
    func dash(_ f: (Int, Int)?) -> (Int, Int)? {
      guard let f, f.1 == f.0 + 1, base[f.0] == 45 else { return f }
      return nil
    }
    /// A quoted field the line ends inside: its text to the end of the line, and the damage named.
    func cut(_ name: String) -> (Int, Int)? {
      guard p < e && base[p] == 34 else { return nil }
      damage = "the line ends inside the quoted \(name) (cut off?); \(name) kept as far as it goes"
      let start = p + 1
      p = e
      return start < e ? (start, e) : nil
    }
    for _ in 0..<3 {
      guard let w = word(), space() else { return nil }
      out.append(base[w.0] == 45 && w.1 == w.0 + 1 ? nil : w)
    }
    guard p < e, base[p] == 91 else { return nil }
    let ts = p + 1
    while p < e && base[p] != 93 { p += 1 }
    guard p < e, ValueReader(type: .dateTime, format: Self.accessTimeFormat).instant(base + ts, p - ts) != nil else {
      return nil
    }
    out.append((ts, p))
    p += 1
    guard space(), let request = quoted() else { return nil }
    // "GET /path HTTP/1.1": method, path, protocol (a malformed request keeps it all in path).
    var parts: [(Int, Int)] = []
    var q = request.0
    while q < request.1 {
      let start = q
      while q < request.1 && base[q] != 32 { q += 1 }
      if q > start { parts.append((start, q)) }
      q += 1
    }
    if parts.count == 3 {
      out += [parts[0], parts[1], parts[2]]
    } else {
      out += [nil, request.0 < request.1 ? request : nil, nil]
    }
    guard space(), let status = word(), status.1 - status.0 == 3 else { return nil }
    out.append(status)
    guard space(), let bytes = word() else { return nil }
    out.append(base[bytes.0] == 45 && bytes.1 == bytes.0 + 1 ? nil : bytes)
    guard space() else {
      out += [nil, nil]
      return out
    }
    if let referer = quoted() {
      out.append(dash(referer))
      guard space() else {
        out.append(nil)
        return out
      }
      out.append(dash(quoted() ?? cut("user agent")))
    } else {
      out += [cut("referer"), nil]
    }
    return out
  }

  /// An access log: one row per line, the Combined Log Format's fields as columns.
  func readAccessLog() -> LineTable {
    let columns = Self.accessColumns
    let width = 2 * columns.count + 2
    let cells = OffsetBuffer(capacity: max(1024, (end - start) / 120 * width))
    var lines = LineIndex()
    var rows = 0
    var problems: [EvidenceProblem] = []
    var unmatched = 0
    forEachLine { s, e, line in
      cells.reserve(width)
      let r = cells.base + cells.count
      r[0] = UInt32(s); r[1] = UInt32(e)
      var damage: String?
      let fields = accessFields(s, e, damage: &damage)
      for k in 0..<columns.count {
        if let f = fields?[k] {
          r[2 + 2 * k] = UInt32(f.0); r[3 + 2 * k] = UInt32(f.1)
        } else {
          r[2 + 2 * k] = missingCell; r[3 + 2 * k] = missingCell
        }
      }
      if let damage, fields != nil {
        unmatched += 1
        if problems.count < 20 {
          problems.append(
            EvidenceProblem(
              .invalidOption, file: file, row: rows + 1, line: line, byteOffset: s, message: damage, action: .loaded))
        }
      }
      if fields == nil && e > s {
        unmatched += 1
        if problems.count < 20 {
          problems.append(
            EvidenceProblem(
              .invalidOption, file: file, row: rows + 1, line: line, byteOffset: s,
              message: "the line is not in the access-log format of the others; loaded with empty columns",
              action: .loaded))
        }
      }
      cells.setCount(cells.count + width)
      lines.record(row: rows, line: line)
      rows += 1
    }
    return LineTable(
      columns: columns, segment: TableSegment(firstRow: 0, rowCount: rows, cells: cells, lines: lines),
      problems: problems, problemCount: unmatched, timeFormat: Self.accessTimeFormat, layoutName: "access log")
  }
}
