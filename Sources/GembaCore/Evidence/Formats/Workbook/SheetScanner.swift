/// Scans worksheet XML (`<row>`, `<c r= t= s=>`, `<v>`, `<is>`, `<f>`) into a `SheetGrid` without
/// building a tree. Called on pieces that end after a `</row>`, so a row is never split.
struct SheetScanner {
  let strings: SharedStrings
  let styles: CellStyles
  let date1904: Bool
  let grid: SheetGrid

  // The row and cell being read.
  private var rowNumber = 0
  private var column = -1
  private var type: CellType = .number
  private var style = 0
  private var inCell = false
  private var valueRange: Range<Int>? = nil
  private var valueBytes: [UInt8]? = nil
  private var inValue = false
  private var inInline = false
  private var inText = false
  private var inlineText: [UInt8] = []
  private var phonetic = 0
  private var hadInline = false
  private var preserve = false
  private var textStart = 0

  enum CellType { case number, shared, inline, formulaString, boolean, error, isoDate }

  init(strings: SharedStrings, styles: CellStyles, date1904: Bool, grid: SheetGrid) {
    self.strings = strings
    self.styles = styles
    self.date1904 = date1904
    self.grid = grid
  }

  mutating func scan(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
    var x = XMLScanner(base: base, start: start, end: end)
    while let event = x.next() {
      switch event {
      case .start(let name, let attrs, let empty):
        let n = name.count
        if n == 1 && base[name.lowerBound] == 99 {  // c
          beginCell(x, attrs)
          if empty {
            endCell(base)
          } else if let after = plainValueEnd(base, x.pos, end) {
            // The common case, `<v>…</v></c>`, read in one step rather than four events.
            addValue(base, (x.pos + 3)..<(after - 8), decode: true)
            x.pos = after
            endCell(base)
          }
        } else if n == 1 && base[name.lowerBound] == 118 {  // v
          inValue = inCell && !empty
        } else if n == 1 && base[name.lowerBound] == 102 {  // f: the formula; its cached value is in <v>
          if !empty { x.skipElement() }
        } else if n == 3 && x.isName(name, "row") {
          let r = x.attribute("r", in: attrs).flatMap { Self.integer(base, $0) }
          rowNumber = r ?? rowNumber + 1
          column = -1
          grid.beginRow(rowNumber)
          if empty { grid.endRow() }
        } else if n == 2 && x.isName(name, "is") {
          inInline = inCell && !empty
          if inCell { type = .inline; hadInline = true }
        } else if n == 1 && base[name.lowerBound] == 116 {  // t
          inText = inInline && phonetic == 0 && !empty
          preserve = XMLBytes.preservesSpace(base, attrs)
          textStart = inlineText.count
        } else if n == 3 && x.isName(name, "rPh") {
          if !empty { phonetic += 1 }
        }
      case .end(let name):
        let n = name.count
        if n == 1 && base[name.lowerBound] == 99 {
          endCell(base)
        } else if n == 1 && base[name.lowerBound] == 118 {
          inValue = false
        } else if n == 3 && x.isName(name, "row") {
          grid.endRow()
        } else if n == 2 && x.isName(name, "is") {
          inInline = false
        } else if n == 1 && base[name.lowerBound] == 116 {
          if inText && !preserve { XMLBytes.trimSpace(&inlineText, from: textStart) }
          inText = false
        } else if n == 3 && x.isName(name, "rPh") {
          phonetic = max(0, phonetic - 1)
        }
      case .text(let r):
        if inValue {
          addValue(base, r, decode: true)
        } else if inText {
          XMLBytes.appendDecoded(base, r, to: &inlineText)
        }
      case .cdata(let r):
        if inValue {
          addValue(base, r, decode: false)
        } else if inText {
          inlineText.append(contentsOf: UnsafeBufferPointer(start: base + r.lowerBound, count: r.count))
        }
      }
    }
  }

  /// Where `<v>TEXT</v></c>` starting at `p` ends, or nil when the cell is written otherwise.
  @inline(__always) private func plainValueEnd(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> Int? {
    guard p + 3 <= end, base[p] == 60, base[p + 1] == 118, base[p + 2] == 62 else { return nil }
    var q = p + 3
    while q < end && base[q] != 60 { q += 1 }
    guard XMLBytes.matches(base, q, end, "</v></c>") else { return nil }
    return q + 8
  }

  private mutating func beginCell(_ x: XMLScanner, _ attrs: Range<Int>) {
    let base = x.base
    inCell = true
    valueRange = nil
    valueBytes = nil
    inlineText.removeAll(keepingCapacity: true)
    phonetic = 0
    hadInline = false
    // One pass over the attributes: r, s and t are all a cell has that matters.
    var r: Range<Int>? = nil, s: Range<Int>? = nil, t: Range<Int>? = nil
    var p = attrs.lowerBound
    let end = attrs.upperBound
    while p < end {
      while p < end && XMLBytes.isSpace(base[p]) { p += 1 }
      let nameStart = p
      while p < end && base[p] != 61 && !XMLBytes.isSpace(base[p]) { p += 1 }
      let nameEnd = p
      while p < end && base[p] != 34 && base[p] != 39 { p += 1 }
      guard p < end else { break }
      let quote = base[p]
      let valueStart = p + 1
      p = valueStart
      while p < end && base[p] != quote { p += 1 }
      let value = valueStart..<p
      p += 1
      if nameEnd - nameStart == 1 {
        switch base[nameStart] {
        case 114: r = value
        case 115: s = value
        case 116: t = value
        default: break
        }
      }
    }
    column = r.flatMap { Self.column(base, $0) } ?? column + 1
    style = s.flatMap { Self.integer(base, $0) } ?? 0
    type = .number
    if let t, t.count > 0 {
      switch base[t.lowerBound] {
      case 115: type = t.count == 1 ? .shared : .formulaString  // s, str
      case 105: type = .inline  // inlineStr
      case 98: type = .boolean
      case 101: type = .error
      case 100: type = .isoDate
      default: type = .number
      }
    }
  }

  private mutating func addValue(_ base: UnsafePointer<UInt8>, _ r: Range<Int>, decode: Bool) {
    if valueRange == nil && valueBytes == nil && (!decode || XMLBytes.isPlain(base, r)) {
      valueRange = r
      return
    }
    var bytes = valueBytes ?? []
    if let first = valueRange {
      bytes.append(contentsOf: UnsafeBufferPointer(start: base + first.lowerBound, count: first.count))
    }
    valueRange = nil
    if decode {
      XMLBytes.appendDecoded(base, r, to: &bytes)
    } else {
      bytes.append(contentsOf: UnsafeBufferPointer(start: base + r.lowerBound, count: r.count))
    }
    valueBytes = bytes
  }

  private mutating func endCell(_ base: UnsafePointer<UInt8>) {
    guard inCell else { return }
    inCell = false
    inValue = false
    inInline = false
    inText = false
    guard column >= 0 && column < SheetGrid.maxColumns else { return }
    if type == .inline && (hadInline || (valueRange == nil && valueBytes == nil)) {
      // An inline string's `<is>` wins over a `<v>` beside it; neither: no value at all.
      if !hadInline { return }
      grid.beginCell(column)
      inlineText.withUnsafeBufferPointer { b in if let p = b.baseAddress { grid.text.append(p, count: b.count) } }
      grid.endCell()
      return
    }
    // The value's bytes: a range of the XML (plain) or decoded bytes.
    if let r = valueRange {
      writeValue(base + r.lowerBound, r.count)
    } else if let bytes = valueBytes {
      bytes.withUnsafeBufferPointer { b in writeValue(b.baseAddress ?? base, b.count) }
    }
  }

  private func writeValue(_ p: UnsafePointer<UInt8>, _ n: Int) {
    let text = grid.text
    switch type {
    case .shared:
      guard let index = Self.integer(p, 0..<n) else { return }
      grid.beginCell(column)
      if index < strings.count {
        let s = Int(strings.starts[index]), e = Int(strings.starts[index + 1])
        strings.bytes.withUnsafeBufferPointer { b in if e > s { text.append(b.baseAddress! + s, count: e - s) } }
      } else {
        // Its text is lost: no value to put there (openpyxl fails on it, Excel repairs the file).
        grid.markDamaged(
          "has cell \(grid.currentReference) naming shared string \(NumberFormat.integer(index)), but the workbook has \(NumberFormat.integer(strings.count))"
        )
      }
      grid.endCell()
    case .number:
      guard n > 0 else { return }
      grid.beginCell(column)
      let kind = styles.kind(style)
      if kind != .number, let serial = ExcelValue.parseDouble(p, 0, n) {
        if kind == .duration {
          text.append(ExcelValue.duration(serial: serial))
        } else if case let written = withUnsafeTemporaryAllocation(
          of: UInt8.self, capacity: 32,
          { b -> Int in
            let n = ExcelValue.writeISODate(serial: serial, date1904: date1904, into: b.baseAddress!)
            text.append(b.baseAddress!, count: n)
            return n
          }), written > 0
        {
          if !date1904 && serial >= 60 && serial < 61 {
            grid.note(
              column,
              "serial 60 is Excel's fictitious 1900-02-29 (Excel counts 1900 as a leap year); loaded as that text")
          }
        } else {
          ExcelValue.appendNumber(p, 0, n, to: text)
        }
      } else {
        ExcelValue.appendNumber(p, 0, n, to: text)
      }
      grid.endCell()
    case .boolean:
      grid.beginCell(column)
      if n == 1 && (p[0] == 48 || p[0] == 49) {
        text.append(p[0] == 49 ? "TRUE" : "FALSE")
      } else {
        // Not 0 or 1: what it means is not known, so it is kept as written, and said.
        text.append(p, count: n)
        let written = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        grid.note(
          column, "cell \(grid.currentReference) is a boolean holding `\(written)`, not 0 or 1; loaded as that text")
      }
      grid.endCell()
    case .error:
      grid.beginCell(column)
      text.append(p, count: n)
      grid.noteError(column, String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
      grid.endCell()
    case .inline, .formulaString, .isoDate:
      grid.beginCell(column)
      text.append(p, count: n)
      grid.endCell()
    }
  }

  /// `B12` → 1; `XFD1` → 16383; nil when there are no letters or too many.
  static func column(_ base: UnsafePointer<UInt8>, _ r: Range<Int>) -> Int? {
    var c = 0
    var p = r.lowerBound
    while p < r.upperBound {
      let b = base[p] | 0x20
      guard b >= 97 && b <= 122 else { break }
      c = c * 26 + Int(b - 96)
      if c > SheetGrid.maxColumns { return nil }
      p += 1
    }
    return c == 0 ? nil : c - 1
  }

  static func integer(_ base: UnsafePointer<UInt8>, _ r: Range<Int>) -> Int? {
    guard !r.isEmpty, r.count < 12 else { return nil }
    var v = 0
    for p in r {
      guard base[p] &- 48 < 10 else { return p > r.lowerBound && (base[p] == 46) ? v : nil }  // "3.0"
      v = v * 10 + Int(base[p] - 48)
    }
    return v
  }
}
