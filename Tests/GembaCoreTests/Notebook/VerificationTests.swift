import Testing
@testable import GembaCore

@Suite struct VerificationTests {
  /// Four real cells, chained by a session.
  static let cells: [Cell] = Session.after([
    "title Refunds", "why agents differ", "note \"\"\"\nteam agrees\nthe PDF is unused\n\"\"\"", "whys",
  ]).cells

  static func text(_ cells: [Cell]) -> String { NotebookFormat.header + cells.map(NotebookFormat.render).joined() }
  static func verify(_ cells: [Cell]) -> Verification.Result { Verification.verify(NotebookFormat.parse(text(cells))) }
  /// The header line of each cell in `text(cells)`.
  static var lines: [Int] { NotebookFormat.parse(text(cells)).cells.map(\.line) }

  enum Field: String, CaseIterable, Sendable { case number, time, chain, command, output }

  /// `s` with one character changed to another of the same kind (digit, hex digit, letter).
  static func flip(_ s: String) -> String {
    var chars = Array(s)
    guard let i = chars.firstIndex(where: { $0.isLetter || $0.isNumber }) else { return s + "x" }
    let c = chars[i]
    chars[i] =
      c.isNumber
      ? (c == "9" ? "8" : Character(String(c.wholeNumberValue! + 1)))
      : (c == "a" ? "b" : (c.isUppercase ? Character(c.lowercased()) : "a"))
    return String(chars)
  }

  @Test func aCleanNotebookVerifies() {
    #expect(Self.verify(Self.cells) == .verified(cells: 4))
    #expect(Verification.verify(NotebookFormat.parse(NotebookFormat.header)) == .verified(cells: 0))
  }

  @Test(arguments: 0..<4, Field.allCases)
  func oneChangedCharacterFailsAtThatCell(index: Int, field: Field) {
    var cells = Self.cells
    switch field {
    case .number: cells[index].number += 1
    case .time: cells[index].time = Self.flip(cells[index].time)
    case .chain: cells[index].chain = Self.flip(cells[index].chain)
    case .command: cells[index].command = Self.flip(cells[index].command)
    case .output: cells[index].output = Self.flip(cells[index].output)
    }
    guard case .failed(let message, let line) = Self.verify(cells) else {
      Issue.record("a changed \(field) in cell \(index + 1) verified")
      return
    }
    #expect(line == Self.lines[index], "\(message)")
    if field == .number {
      #expect(message == "cell \(index + 2) where cell \(index + 1) was expected")
    } else {
      #expect(message.hasPrefix("cell \(index + 1) does not match its chain value"), "\(message)")
    }
  }

  @Test func theMessageNamesTheCellAndBothValues() {
    var cells = Self.cells
    cells[1].output = "W1 agents differ!"
    let recomputed = Chain.next(
      after: cells[0].chain, number: 2, time: cells[1].time, command: cells[1].command, output: cells[1].output)
    #expect(
      Self.verify(cells)
        == .failed(
          message:
            "cell 2 does not match its chain value (\(cells[1].chain), recomputed \(recomputed)): it, or the cell before it, was edited, removed or reordered",
          line: Self.lines[1]))
  }

  @Test func rechainingAnEditedCellIsCaughtAtTheNext() {
    var cells = Self.cells
    cells[1].output = "W1 something else"
    cells[1].chain = Chain.next(
      after: cells[0].chain, number: 2, time: cells[1].time, command: cells[1].command, output: cells[1].output)
    guard case .failed(let message, let line) = Self.verify(cells) else {
      Issue.record("verified")
      return
    }
    #expect(line == Self.lines[2])
    #expect(message.hasPrefix("cell 3 "))
  }

  @Test(arguments: 0..<3)
  func removingACellFails(index: Int) {
    var cells = Self.cells
    cells.remove(at: index)
    #expect(Self.verify(cells) != .verified(cells: 3))
    // Renumbered so the numbers look right, the chain still breaks where the cell was.
    for i in index..<cells.count { cells[i].number -= 1 }
    guard case .failed(_, let line) = Self.verify(cells) else {
      Issue.record("removing cell \(index + 1) and renumbering verified")
      return
    }
    #expect(line == Self.lines[index])
  }

  /// A chain has nothing after the last cell to check it against, so cutting cells off
  /// the end is caught only against a chain value kept elsewhere (a sign-off, a record).
  @Test func removingTheLastCellIsCaughtAgainstAnAnchor() {
    let shortened = Array(Self.cells.dropLast())
    #expect(Self.verify(shortened) == .verified(cells: 3))
    let anchored = Verification.verify(NotebookFormat.parse(Self.text(shortened)), anchor: Self.cells.last!.chain)
    guard case .failed(let message, _) = anchored else {
      Issue.record("a notebook cut short verified against the approved chain value")
      return
    }
    #expect(message.hasPrefix("no cell has chain \(Self.cells.last!.chain)"))
    #expect(
      Verification.verify(NotebookFormat.parse(Self.text(Self.cells)), anchor: Self.cells.last!.chain)
        == .verified(cells: 4))
  }

  @Test(arguments: [(0, 1), (1, 2), (0, 3), (2, 3)])
  func swappingTwoCellsFails(a: Int, b: Int) {
    var cells = Self.cells
    cells.swapAt(a, b)
    guard case .failed(_, let line) = Self.verify(cells) else {
      Issue.record("swapped cells verified")
      return
    }
    #expect(line == Self.lines[a])
    // Also with the numbers put back in order.
    (cells[a].number, cells[b].number) = (cells[b].number, cells[a].number)
    guard case .failed(_, let renumbered) = Self.verify(cells) else {
      Issue.record("swapped and renumbered cells verified")
      return
    }
    #expect(renumbered == Self.lines[a])
  }

  @Test func anUnreadableFileFailsWithItsLine() {
    #expect(
      Verification.verify(NotebookFormat.parse("# notes\n"))
        == .failed(
          message: "not a gemba notebook: the first line should be `<!-- gemba notebook v2 -->`", line: 1))
  }
}

@Suite struct ChainTests {
  @Test func genesisIsFixed() {
    #expect(Chain.genesis.count == Chain.shownLength)
    #expect(Chain.genesis.allSatisfy { $0.isHexDigit })
  }

  @Test func everyPartCounts() {
    let base = Chain.next(after: "00", number: 1, time: "t", command: "why a", output: "W1 a")
    #expect(base.count == 16)
    #expect(base == Chain.next(after: "00", number: 1, time: "t", command: "why a", output: "W1 a"))
    let variants = [
      Chain.next(after: "01", number: 1, time: "t", command: "why a", output: "W1 a"),
      Chain.next(after: "00", number: 2, time: "t", command: "why a", output: "W1 a"),
      Chain.next(after: "00", number: 1, time: "u", command: "why a", output: "W1 a"),
      Chain.next(after: "00", number: 1, time: "t", command: "why b", output: "W1 a"),
      Chain.next(after: "00", number: 1, time: "t", command: "why a", output: "W1 b"),
      // Moving text from one part to the next changes the value.
      Chain.next(after: "00", number: 1, time: "t", command: "why a W1", output: " a"),
    ]
    #expect(Set(variants + [base]).count == variants.count + 1)
  }

  @Test func hexIsLowerCaseTwoDigitsPerByte() {
    #expect(Hex.string([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
  }
}
