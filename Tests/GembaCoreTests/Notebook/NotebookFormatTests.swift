import Testing
@testable import GembaCore

@Suite struct NotebookFormatTests {
  static func cell(_ number: Int, _ command: String, _ output: String) -> Cell {
    Cell(
      number: number, time: cellTime(number), chain: String(repeating: "\(number % 10)", count: 16), command: command,
      output: output)
  }

  static func notebook(_ cells: [Cell]) -> String { NotebookFormat.header + cells.map(NotebookFormat.render).joined() }

  @Test func aCellIsAHeaderAndTwoFencedBlocks() {
    #expect(
      NotebookFormat.render(Self.cell(3, "load evidence/tickets.csv as tickets", "loaded tickets: 1,204 rows")) == """

        <!-- cell 3 · 2026-11-20T10:03:00Z · chain 3333333333333333 -->
        ```gemba
        load evidence/tickets.csv as tickets
        ```
        ```output
        loaded tickets: 1,204 rows
        ```

        """)
  }

  @Test func fencesOutgrowBackticksInTheText() {
    #expect(
      NotebookFormat.render(Self.cell(1, "note \"use ``` for code\"", "")) == """

        <!-- cell 1 · 2026-11-20T10:01:00Z · chain 1111111111111111 -->
        ````gemba
        note "use ``` for code"
        ````
        ```output
        ```

        """)
  }

  @Test(arguments: [
    ("why a", "W1 a"),
    ("note \"use ``` for code\"", "use ``` for code"),
    ("note \"\"\"\n```\nfenced\n```\n\"\"\"", "```\nfenced\n```"),
    ("note \"\"\"\n````````\n\"\"\"", "````````"),
    ("note `inline`", "`inline`"),
    ("whys", ""),
    ("problem x \\\n  --expected y", "problem: x\n  expected: y"),
    ("note \"\"\"\n\n  indented\n\n\"\"\"", "\n  indented\n"),
    ("note x", "trailing spaces   \n\tand a tab"),
    ("note x", "\n"),
    ("note x", "<!-- cell 9 · 2026-11-20T10:09:00Z · chain 9999999999999999 -->\n```gemba\nwhy fake\n```"),
    ("note x", "~~~\nnot a fence for us\n~~~"),
    ("note x", "é ✓ 🙂 — unicode"),
  ])
  func renderThenParseGivesTheCellBack(command: String, output: String) {
    let cells = [Self.cell(1, "title T", "title: T"), Self.cell(2, command, output), Self.cell(3, "whys", "W1 a")]
    let document = NotebookFormat.parse(Self.notebook(cells))
    #expect(document.problems.isEmpty, "\(document.problems.map(\.message))")
    #expect(document.cells.map(\.command) == cells.map(\.command))
    #expect(document.cells.map(\.output) == cells.map(\.output))
    #expect(document.cells.map(\.time) == cells.map(\.time))
    #expect(document.cells.map(\.chain) == cells.map(\.chain))
    #expect(document.cells.map(\.number) == [1, 2, 3])
  }

  @Test func cellsRememberTheirHeaderLine() {
    let text = Self.notebook([
      Self.cell(1, "why a", "W1 a"), Self.cell(2, "problem x \\\n  --expected y", "p"), Self.cell(3, "whys", ""),
    ])
    #expect(NotebookFormat.parse(text).cells.map(\.line) == [3, 11, 20])
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines[2].hasPrefix("<!-- cell 1 ") && lines[10].hasPrefix("<!-- cell 2 ") && lines[19].hasPrefix("<!-- cell 3 "))
  }

  @Test func proseBetweenCellsIsIgnored() {
    let text = """
      <!-- gemba notebook v1 -->
      # Refund investigation

      Some prose the facilitator added, with `code` and a list:
      - one
      ```python
      print("a code block that is not a cell")
      ```

      <!-- cell 1 · 2026-11-20T10:01:00Z · chain 1111111111111111 -->
      ```gemba
      why a
      ```

      ```output
      W1 a
      ```
      More prose.
      <!-- a comment that is not a cell -->
      <!-- cell 2 · 2026-11-20T10:02:00Z · chain 2222222222222222 -->
      ```gemba
      whys
      ```
      ```output
      ```
      """
    let document = NotebookFormat.parse(text)
    #expect(document.problems.map(\.message) == [])
    #expect(document.cells.map(\.command) == ["why a", "whys"])
    #expect(document.cells.map(\.output) == ["W1 a", ""])
    #expect(document.cells.map(\.line) == [10, 20])
  }

  @Test(arguments: ["", "\n\n", "<!-- gemba notebook v1 -->\n", "\n  <!-- gemba notebook v1 -->  \n\nprose only\n"])
  func aNotebookWithoutCells(text: String) {
    let document = NotebookFormat.parse(text)
    #expect(document.cells.isEmpty)
    #expect(document.problems.isEmpty)
  }

  @Test func crlfLineEndsAreTolerated() {
    let cells = [
      Self.cell(1, "why a", "W1 a"), Self.cell(2, "problem x \\\n  --expected y", "line one\nline two"),
      Self.cell(3, "whys", ""),
    ]
    let text = Self.notebook(cells).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    let document = NotebookFormat.parse(text)
    #expect(document.problems.map(\.message) == [])
    #expect(document.cells.map(\.command) == cells.map(\.command))
    #expect(document.cells.map(\.output) == cells.map(\.output))
    #expect(document.cells.map(\.line) == [3, 11, 21])
  }

  // MARK: - Files that cannot be read whole: refused with the line

  /// Parses `marked` (a notebook with 1️⃣ at the start of the line at fault) and expects one problem there.
  func expectProblem(
    _ marked: String, _ message: String, cellsBefore: Int, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let input = MarkedText(marked)
    let document = NotebookFormat.parse(input.text)
    #expect(document.problems.map(\.message) == [message], sourceLocation: sourceLocation)
    #expect(document.problems.first?.span?.start == input[1], sourceLocation: sourceLocation)
    #expect(document.cells.count == cellsBefore, sourceLocation: sourceLocation)
  }

  static let cell1 =
    "<!-- cell 1 · 2026-11-20T10:01:00Z · chain 1111111111111111 -->\n```gemba\nwhy a\n```\n```output\nW1 a\n```\n"

  @Test func notANotebook() {
    expectProblem(
      "1️⃣# My notes\n\nsome text\n", "not a gemba notebook: the first line should be `<!-- gemba notebook v2 -->`",
      cellsBefore: 0)
    expectProblem(
      "\n\n1️⃣why a\n", "not a gemba notebook: the first line should be `<!-- gemba notebook v2 -->`", cellsBefore: 0)
    expectProblem(
      "1️⃣<!-- gemba notebook v -->\n", "not a gemba notebook: the first line should be `<!-- gemba notebook v2 -->`",
      cellsBefore: 0)
  }

  @Test func aNewerFormat() {
    expectProblem(
      "1️⃣<!-- gemba notebook v3 -->\n" + Self.cell1,
      "this notebook was written by a newer gemba (format v3); this gemba reads v2", cellsBefore: 0)
  }

  /// The messages above name the line and block a reader must fix; the codes tell a script which kind it is.
  @Test func problemsCarryTheirCode() {
    #expect(NotebookFormat.parse("<!-- gemba notebook v3 -->\n" + Self.cell1).problems.map(\.code) == [.newerNotebook])
    #expect(NotebookFormat.parse("# My notes\n").problems.map(\.code) == [.malformedNotebook])
    #expect(
      NotebookFormat.parse(NotebookFormat.header + "\n```output\nW1 a\n```\n").problems.map(\.code) == [
        .malformedNotebook
      ])
  }

  @Test func aTruncatedFile() {
    let header = NotebookFormat.header
    expectProblem(
      header + Self.cell1 + "\n<!-- cell 2 · 2026-11-20T10:02:00Z · chain 2222222222222222 -->\n1️⃣```gemba\nwhys",
      "the ```gemba block opened at line 11 is never closed", cellsBefore: 1)
    expectProblem(
      header + Self.cell1
        + "\n<!-- cell 2 · 2026-11-20T10:02:00Z · chain 2222222222222222 -->\n```gemba\nwhys\n```\n1️⃣```output\nW1",
      "the ```output block opened at line 14 is never closed", cellsBefore: 1)
    expectProblem(
      header + Self.cell1 + "\n<!-- cell 2 · 2026-11-20T10:02:00Z · chain 2222222222222222 -->\n```gemba\nwhys\n1️⃣```\n",
      "the notebook ends inside cell at line 10: no ```output block", cellsBefore: 1)
    expectProblem(
      header + Self.cell1 + "\n1️⃣<!-- cell 2 · 2026-11-20T10:02:00Z · chain 2222222222222222 -->",
      "the notebook ends inside cell at line 10: no ```gemba block", cellsBefore: 1)
  }

  @Test func blocksOutOfPlace() {
    let header = NotebookFormat.header
    expectProblem(
      header + "\n1️⃣```output\nW1 a\n```\n", "a ```output block with no cell header before it", cellsBefore: 0)
    expectProblem(
      header + Self.cell1 + "\n1️⃣```gemba\nwhys\n```\n", "a ```gemba block with no cell header before it", cellsBefore: 1
    )
    expectProblem(
      header + "<!-- cell 1 · 2026-11-20T10:01:00Z · chain 1111111111111111 -->\n1️⃣```output\nW1 a\n```\n",
      "expected a ```gemba block for the cell at line 2", cellsBefore: 0)
    expectProblem(
      header
        + "<!-- cell 1 · 2026-11-20T10:01:00Z · chain 1111111111111111 -->\n```gemba\nwhy a\n```\n1️⃣prose\n```output\n```\n",
      "expected a ```output block for the cell at line 2", cellsBefore: 0)
  }

  @Test(arguments: [
    "<!-- cell one · 2026-11-20T10:01:00Z · chain 11 -->",
    "<!-- cell 1 · 2026-11-20T10:01:00Z · chain -->",
    "<!-- cell 1 · 2026-11-20T10:01:00Z · chain xyz -->",
    "<!-- cell 1 · 2026-11-20T10:01:00Z -->",
    "<!-- cell 1 ·  · chain 11 -->",
    "<!-- cell 1 · 2026-11-20T10:01:00Z · chain 11",
  ])
  func aMalformedHeader(header: String) {
    expectProblem(
      NotebookFormat.header + "\n1️⃣" + header + "\n```gemba\nwhys\n```\n```output\n```\n", "malformed cell header",
      cellsBefore: 0)
  }

  @Test func cellNumbersMustCountUp() {
    let header = NotebookFormat.header
    let cell2 = "<!-- cell 2 · 2026-11-20T10:02:00Z · chain 2222222222222222 -->\n```gemba\nwhys\n```\n```output\n```\n"
    expectProblem(header + Self.cell1 + "1️⃣" + Self.cell1, "duplicate cell number 1", cellsBefore: 1)
    expectProblem(header + "1️⃣" + cell2, "cell 2 where cell 1 was expected", cellsBefore: 0)
    expectProblem(header + Self.cell1 + cell2 + "1️⃣" + Self.cell1, "duplicate cell number 1", cellsBefore: 2)
    expectProblem(
      header + Self.cell1 + "1️⃣" + cell2.replacingOccurrences("2", "4"), "cell 4 where cell 2 was expected",
      cellsBefore: 1)
  }
}

/// Messages that say what is really wrong with a notebook's first line.
@Suite struct NotebookHeaderTests {
  @Test func aByteOrderMarkOrWindowsLineEndsStillRead() {
    let cell =
      "<!-- cell 1 · 2026-11-20T10:01:00Z · chain 1111111111111111 -->\n```gemba\nwhy a\n```\n```output\nW1 a\n```\n"
    for text in [
      "\u{FEFF}" + NotebookFormat.header + cell,
      (NotebookFormat.header + cell).replacingOccurrences(of: "\n", with: "\r\n"),
    ] {
      let document = NotebookFormat.parse(text)
      #expect(document.problems.isEmpty, "\(document.problems.map(\.message))")
      #expect(document.cells.count == 1)
    }
  }

  @Test func aVersionPastWhatAnIntHoldsIsANewerNotebook() {
    let document = NotebookFormat.parse("<!-- gemba notebook v99999999999999999999 -->\n")
    #expect(
      document.problems.map(\.message)
        == ["this notebook was written by a newer gemba (format v99999999999999999999); this gemba reads v2"])
  }
}
