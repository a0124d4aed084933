extension DelimitedReader {
  /// Joins chunk results in order, re-scanning a chunk whose speculative start was wrong.
  func merge(
    _ scanners: [CSVScanner<DelimitedTableSink>], chunks: [Int], columns: [String],
    problems headerProblems: [LocalProblem], headerEndings: LineEndingStats
  ) throws(EvidenceError) -> Output {
    var segments: [TableSegment] = []
    var problems: [EvidenceProblem] = headerProblems.map { absolute($0, firstRow: 0, lineOffset: 0) }
    var problemCount = headerProblems.count
    var endings = headerEndings
    var current = scanners[0]
    var lineOffset = 0
    var rowsSoFar = 0

    func close(_ scanner: CSVScanner<DelimitedTableSink>, lineOffset: Int) {
      var segment = scanner.sink.segment
      segment.firstRow = rowsSoFar
      if lineOffset != 0 { segment.lines.shift(by: lineOffset) }
      for p in scanner.sink.problems { problems.append(absolute(p, firstRow: rowsSoFar, lineOffset: lineOffset)) }
      problemCount += scanner.sink.problemCount
      endings.merge(scanner.endings, lineOffset: lineOffset)
      segments.append(segment)
      rowsSoFar += segment.rowCount
    }

    for i in 1..<scanners.count {
      if current.pos == chunks[i] && current.unterminatedQuote == nil {
        close(current, lineOffset: lineOffset)
        lineOffset += current.line
        current = scanners[i]
      } else {
        current.run(until: chunks[i + 1])
        if current.cancelled { throw EvidenceLoader.cancelled(file) }
      }
    }
    if let open = current.unterminatedQuote {
      let row = rowsSoFar + current.sink.rows
      let column = current.sink.fieldIndex
      throw EvidenceError(
        EvidenceProblem(
          .unterminatedQuote, file: file, row: row, line: open.line + lineOffset, column: column,
          byteOffset: open.offset,
          message: "the quoted field opened here never closes, so every later line would be swallowed into it",
          action: .refused),
        hint:
          "close the quote (a quote inside a quoted field is written twice: \"\"), or load the file with --format text")
    }
    close(current, lineOffset: lineOffset)
    // Keep the first problems in file order, as a single-threaded scan would list them.
    let listed = headerProblems.count + DelimitedTableSink.problemLimit
    if problems.count > listed { problems.removeSubrange(listed...) }
    if endings.kindsUsed > 1 {
      var kinds: [String] = []
      if endings.crlf > 0 {
        kinds.append("\(NumberFormat.integer(endings.crlf)) CRLF (first at line \(endings.firstCRLF!))")
      }
      if endings.lf > 0 { kinds.append("\(NumberFormat.integer(endings.lf)) LF (first at line \(endings.firstLF!))") }
      if endings.cr > 0 { kinds.append("\(NumberFormat.integer(endings.cr)) CR (first at line \(endings.firstCR!))") }
      let firstOdd = [endings.firstCRLF, endings.firstLF, endings.firstCR].compactMap { $0 }.sorted().dropFirst().first
      problems.append(
        EvidenceProblem(
          .mixedLineEndings, file: file, line: firstOdd,
          message: "rows end with mixed line breaks: " + kinds.joined(separator: ", ")
            + "; loaded, every kind ends a row",
          action: .loaded))
      problemCount += 1
    }
    return Output(
      columns: columns, segments: segments, problems: problems, problemCount: problemCount, endings: endings)
  }

  func absolute(_ p: LocalProblem, firstRow: Int, lineOffset: Int) -> EvidenceProblem {
    EvidenceProblem(
      p.kind, file: file, row: p.row.map { $0 + firstRow + 1 }, line: p.line + lineOffset,
      column: p.column, byteOffset: p.offset, message: p.message, action: p.action)
  }
}
