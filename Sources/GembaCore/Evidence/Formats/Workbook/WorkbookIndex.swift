/// What `xl/workbook.xml` and its relationships say: the sheets in order (name and part path)
/// and the date system.
struct WorkbookIndex: Sendable {
  struct Sheet: Sendable, Hashable {
    var name: String
    /// The sheet's part inside the archive (`xl/worksheets/sheet1.xml`), nil when its
    /// relationship is missing.
    var path: String?
    /// `worksheet`, `chartsheet`, `dialogsheet`, `macrosheet`, from the relationship's type.
    var kind: String
  }

  var sheets: [Sheet] = []
  /// The 1904 date system (old Mac workbooks): serial 0 is 1904-01-01.
  var date1904 = false
  /// Parts the workbook names: shared strings and styles (paths inside the archive).
  var sharedStringsPath: String?
  var stylesPath: String?

  /// Reads the workbook part at `workbookPath` and its `_rels` from `archive`.
  static func read(_ archive: ZipArchive, workbookPath: String, limit: Int) throws(ZipError) -> WorkbookIndex {
    var index = WorkbookIndex()
    let folder = workbookPath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    let relsPath =
      (folder.isEmpty ? "" : folder + "/") + "_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "")
      + ".rels"
    var targets: [String: (target: String, type: String)] = [:]
    if let rels = archive.entry(relsPath) {
      let bytes = try archive.data(rels, limit: limit)
      bytes.withUnsafeBufferPointer { b in
        guard let base = b.baseAddress else { return }
        var x = XMLScanner(base: base, end: b.count)
        while let event = x.next() {
          guard case .start(let name, let attrs, _) = event, x.isName(name, "Relationship"),
            let id = x.attributeString("Id", in: attrs), let target = x.attributeString("Target", in: attrs)
          else { continue }
          let type = x.attributeString("Type", in: attrs) ?? ""
          targets[id] = (resolve(target, in: folder), type)
        }
      }
    }
    for (_, rel) in targets {
      if rel.type.hasSuffix("/sharedStrings") { index.sharedStringsPath = rel.target }
      if rel.type.hasSuffix("/styles") { index.stylesPath = rel.target }
    }
    guard let workbook = archive.entry(workbookPath) else { return index }
    let bytes = try archive.data(workbook, limit: limit)
    bytes.withUnsafeBufferPointer { b in
      guard let base = b.baseAddress else { return }
      var x = XMLScanner(base: base, end: b.count)
      while let event = x.next() {
        guard case .start(let name, let attrs, _) = event else { continue }
        if x.isName(name, "workbookPr") {
          let v = x.attributeString("date1904", in: attrs)
          index.date1904 = v == "1" || v == "true"
        } else if x.isName(name, "sheet"), let sheetName = x.attributeString("name", in: attrs) {
          let rel = x.attributeString("id", in: attrs).flatMap { targets[$0] }
          let kind = rel.map { String($0.type.split(separator: "/").last ?? "worksheet") } ?? "worksheet"
          index.sheets.append(Sheet(name: sheetName, path: rel?.target, kind: kind))
        }
      }
    }
    return index
  }

  /// A relationship target made a path inside the archive: `worksheets/sheet1.xml` relative to
  /// `xl`, or absolute (`/xl/worksheets/sheet1.xml`).
  static func resolve(_ target: String, in folder: String) -> String {
    if target.hasPrefix("/") { return String(target.dropFirst()) }
    var parts = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
    for piece in target.split(separator: "/") {
      if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(String(piece)) }
    }
    return parts.joined(separator: "/")
  }

  /// The workbook part named by the package's `_rels/.rels` (usually `xl/workbook.xml`).
  static func workbookPath(_ archive: ZipArchive, limit: Int) throws(ZipError) -> String? {
    if let rels = archive.entry("_rels/.rels") {
      let bytes = try archive.data(rels, limit: limit)
      let found: String? = bytes.withUnsafeBufferPointer { b in
        guard let base = b.baseAddress else { return nil }
        var x = XMLScanner(base: base, end: b.count)
        while let event = x.next() {
          guard case .start(let name, let attrs, _) = event, x.isName(name, "Relationship"),
            let type = x.attributeString("Type", in: attrs), type.hasSuffix("/officeDocument"),
            let target = x.attributeString("Target", in: attrs)
          else { continue }
          return resolve(target, in: "")
        }
        return nil
      }
      if let found, archive.entry(found) != nil { return found }
    }
    return archive.entry("xl/workbook.xml") != nil ? "xl/workbook.xml" : nil
  }
}
