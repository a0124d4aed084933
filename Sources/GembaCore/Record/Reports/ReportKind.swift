extension ReportKind {
  /// The document for `path`; an A3 asked for as Markdown is refused, since its point is the page.
  /// `paper` is what an HTML page prints on (A4 when nil; the A3 keeps A3 landscape when nil).
  public func render(_ record: Record, path: Located<String>, paper: Paper? = nil) throws(Diagnostic) -> String {
    switch self {
    case .eightD:
      let document = EightDReport.document(record)
      return Self.wantsHTML(path.value)
        ? ReportHTML(paper: paper ?? .a4).render(document, generator: "gemba 8D v\(record.version)")
        : ReportMarkdown().render(document)
    case .a3:
      let lower = path.value.lowercased()
      if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
        throw .error(
          .exportFormatMismatch, "the A3 is one printed page of HTML, not Markdown", at: path.span,
          notes: ["export a3 a3.html", "for Markdown, use `export 8d report.md`"])
      }
      return A3Renderer(paper: paper).render(record)
    }
  }
}
