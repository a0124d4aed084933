import Testing

@testable import GembaCore

/// Issue 27, item 10b: blank-line-separated `Key: value` records (see `LineReader.readRecords`).
@Suite struct RecordReaderTests {
  /// A dpkg status file's shape: a folded description, a field whose value starts on its
  /// continuation (`Conffiles:`), a key only some records have, CRLF endings.
  @Test func recordsBecomeRowsAndKeysColumns() throws {
    let text = [
      "Package: a", "Status: install ok installed", "Description: first line", " second line", "",
      "Package: b", "Conffiles:", " /etc/b.conf 0123", "Description: only", "", "",
      "Package: c", "Status: deinstall ok config-files", "",
    ].joined(separator: "\r\n")
    let result = try loadText(text, format: .records, path: "status")
    let table = result.table
    #expect(table.columns == ["Package", "Status", "Description", "Conffiles"])
    #expect(
      cells(table) == [
        ["a", "install ok installed", "first line second line", ""],
        ["b", "", "only", "/etc/b.conf 0123"],
        ["c", "deinstall ok config-files", "", ""],
      ])
    #expect((0..<3).map { table.lineNumber(ofRow: $0) } == [1, 6, 12])
    #expect(result.problemCount == 0)
  }

  /// A line in a record that is neither `Key: value` nor indented, an indented line with no key
  /// before it, and a key given twice: each skipped and named with its line and row.
  @Test func damagedLinesAreCountedAndNamed() throws {
    let text = "Key: 1\nnot a field\nOther: x\n\n continued from nothing\nKey: 2\nKey: 3\n"
    let result = try loadText(text, format: .records, path: "h.log")
    #expect(cells(result.table) == [["1", "x"], ["2", ""]])
    #expect(result.problemCount == 3)
    #expect(result.problems.map(\.line) == [2, 5, 7])
    #expect(result.problems.map(\.row) == [1, 2, 2])
    #expect(result.problems.allSatisfy { $0.kind == .malformedLine && $0.action == .skipped })
  }

  /// `--format records` on a file with no `Key: value` line is refused, not a table of no columns.
  @Test func aFileWithNoRecordIsRefused() throws {
    do {
      _ = try loadText("id,score\n1,2\n", format: .records, path: "t.csv")
      Issue.record("loaded")
    } catch let error as EvidenceError {
      #expect(error.problem.kind == .malformedLine && error.problem.action == .refused && error.problem.line == 1)
      #expect(error.hint.contains("--format text"))
    }
  }

  /// A `log` is read as records when its lines are records, and not when they are log lines
  /// that happen to start with a word and a colon.
  @Test func aLogIsSniffedAsRecordsOnlyWhenItIsOne() throws {
    let records = (1...3).map { "Start-Date: 2026-01-0\($0)  10:00:01\nCommandline: apt install p\($0)\n" }
    let sniffed = try loadText(records.joined(separator: "\n"), format: .log, path: "history")
    #expect(sniffed.table.columns == ["Start-Date", "Commandline"])
    #expect(sniffed.table.logLayout == "records")
    let lines = (1...6).map { "WARNING: disk \($0) is slow" }.joined(separator: "\n")
    let plain = try loadText(lines + "\n", format: .log, path: "warnings")
    #expect(plain.table.columns != ["WARNING"])
  }
}
