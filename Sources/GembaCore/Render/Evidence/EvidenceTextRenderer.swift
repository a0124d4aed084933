/// Renders evidence, query results and metrics as plain text for the shell and the notebook.
///
/// Pure: no terminal queries. `unicode` picks box drawing and block bars over ASCII; `color`
/// adds ANSI emphasis (the shell turns it off when not on a terminal or with NO_COLOR).
public struct EvidenceTextRenderer: Sendable {
  public struct Options: Hashable, Sendable {
    public var unicode: Bool
    public var color: Bool
    /// Widest a table cell or a bar's label is shown before it is cut (in the middle, and never
    /// so that two values read alike: `TextWidth.labels`). Nil: whole (files, notebooks, exports).
    public var maxCellWidth: Int?
    /// Width of the longest bar in a chart.
    public var barWidth: Int
    /// Widest a table may be (the terminal's width); columns that do not fit are left out and
    /// counted. Nil: no limit (files, notebooks).
    public var maxTableWidth: Int?
    public init(
      unicode: Bool = true, color: Bool = false, maxCellWidth: Int? = nil, barWidth: Int = 30,
      maxTableWidth: Int? = nil
    ) {
      self.unicode = unicode
      self.color = color
      self.maxCellWidth = maxCellWidth
      self.barWidth = barWidth
      self.maxTableWidth = maxTableWidth
    }
  }

  public enum PreviewFormat: String, Sendable, CaseIterable {
    case table, csv, json
  }

  public var options: Options

  public init(options: Options = Options()) {
    self.options = options
  }

  /// Any query result.
  public func render(_ result: QueryResult) -> String {
    switch result {
    case .rows(let t): return table(t)
    case .count(let n): return NumberFormat.integer(n) + (n == 1 ? " row\n" : " rows\n")
    case .crossTab(let c): return crossTab(c)
    case .pareto(let p): return pareto(p)
    case .histogram(let h): return histogram(h)
    case .timeline(let t): return timeline(t)
    case .spc(let c): return controlChart(c)
    case .controlChart(let c): return controlChart(c)
    case .comparison(let c): return comparison(c)
    case .capability(let c): return capability(c)
    case .grep(let g): return grep(g)
    case .noted(let inner, let notes):
      let body = render(inner)
      return body + (body.hasSuffix("\n") || body.isEmpty ? "" : "\n") + notes.map { "note: \($0)\n" }.joined()
    }
  }

  /// `loaded tickets: 1,204 rows × 11 columns · sha256 3f2a9c1e77d04b12`, then the problems.
  public func loaded(_ result: LoadResult, maxProblems: Int = 10) -> String {
    let t = result.table
    var out = "loaded \(t.name): "
    func counted(_ n: Int, _ noun: String) -> String { NumberFormat.integer(n) + " " + noun + (n == 1 ? "" : "s") }
    if t.format.isLineOriented && t.columnCount == 1 {
      out += counted(t.rowCount, "line")
    } else {
      out += counted(t.rowCount, "row") + " × " + counted(t.columnCount, "column")
    }
    out += " · sha256 \(t.shortHash)"
    // Comma and UTF-8 go without saying; anything else is named.
    if let d = t.delimiterName, d != "comma", t.format == .csv { out += " · \(d)-separated" }
    if t.encodingName != TextEncoding.utf8.rawValue { out += " · \(t.encodingName)" }
    if let layout = t.logLayout { out += " · \(layout) layout" }
    if let sheet = t.sheet { out += " · " + Self.sheetNote(sheet, of: t.sheets) }
    out += "\n"
    out += readings(result.profiles, columns: t.columns)
    out += problems(result.problems, total: result.problemCount, max: maxProblems)
    return out
  }

  /// Every column's type (and format, when not the standard one), grouped:
  /// `  date/time (%m/%d/%Y %I:%M:%S %p): CreatedDate, ClosedDate`, text last. Values that did not
  /// read are listed as problems below.
  func readings(_ profiles: [ColumnProfile], columns: [String]) -> String {
    guard columns.count > 1 || profiles.first.map({ $0.type != .text }) == true else { return "" }
    var groups: [(String, [String])] = []
    for (c, p) in profiles.enumerated() {
      let what = ColumnProblems.describe(p)
      if let k = groups.firstIndex(where: { $0.0 == what }) {
        groups[k].1.append(columns[c])
      } else {
        groups.append((what, [columns[c]]))
      }
    }
    groups.sort { ($0.0 == "text" ? 1 : 0) < ($1.0 == "text" ? 1 : 0) }
    return groups.map { group in
      let names =
        group.1.prefix(12).joined(separator: ", ") + (group.1.count > 12 ? ", … (\(group.1.count) columns)" : "")
      return "  \(group.0): \(names)\n"
    }.joined()
  }

  /// Problems, one per line, then how many more there were.
  public func problems(_ list: [EvidenceProblem], total: Int, max: Int = 10) -> String {
    var out = ""
    for p in list.prefix(max) {
      let label = p.action == .refused ? "error" : "warning"
      out += "  " + emphasis(label + ":", code: p.action == .refused ? "31" : "33") + " \(p.description)\n"
    }
    if total > min(max, list.count) {
      out += "  … and \(NumberFormat.integer(total - min(max, list.count))) more problems\n"
    }
    return out
  }

  /// `evidence`: one line per loaded file.
  public func listing(_ records: [EvidenceRecord]) -> String {
    guard !records.isEmpty else { return "no evidence loaded; `load PATH [as NAME]` loads a file\n" }
    let rows = records.map { r in
      [
        r.name, r.format, NumberFormat.integer(r.rows), NumberFormat.integer(r.columns),
        NumberFormat.integer(r.bytes), String(r.sha256.prefix(16)), r.path,
      ]
    }
    return grid(
      ["name", "format", "rows", "columns", "bytes", "sha256", "path"], rows,
      rightAligned: [false, false, true, true, true, false, false])
  }

  /// `sheet Rejects (2 of 3: Summary, Rejects, Notes)`: the sheet a workbook table came from.
  static func sheetNote(_ sheet: String, of sheets: [String]) -> String {
    guard sheets.count > 1, let i = sheets.firstIndex(of: sheet) else { return "sheet \(sheet)" }
    return "sheet \(sheet) (\(i + 1) of \(sheets.count): \(sheets.joined(separator: ", ")))"
  }

  /// The columns of a table with their inferred types.
  public func columns(_ table: EvidenceTable) -> String {
    let profiles = table.columnProfiles
    let rows = table.columns.indices.map { c -> [String] in
      let p = profiles[c]
      return [
        String(c + 1), table.columns[c], p.type.label,
        p.format == .standard || p.type == .text ? "" : p.format.description,
        p.unparsed > 0 ? NumberFormat.integer(p.unparsed) : "",
      ]
    }
    return grid(["#", "column", "type", "format", "unread"], rows, rightAligned: [true, false, false, false, true])
  }

  func emphasis(_ s: String, code: String = "1") -> String {
    options.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
  }
}
