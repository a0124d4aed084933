/// `gemba verify`: recompute the chain over every cell and compare it with the
/// values in the cell headers. The first cell whose value differs was edited,
/// removed or moved (or a cell before it was).
public enum Verification {
  public enum Result: Equatable, Sendable {
    case verified(cells: Int)
    case failed(message: String, line: Int)
  }

  public static func verify(_ document: NotebookFormat.Document) -> Result {
    if let problem = document.problems.first {
      return .failed(message: problem.message, line: problem.span?.start.line ?? 1)
    }
    var chain = Chain.genesis
    for cell in document.cells {
      let expected = Chain.next(after: chain, number: cell.number, time: cell.time, command: cell.command, output: cell.output)
      guard expected == cell.chain else {
        return .failed(
          message: "cell \(cell.number) does not match its chain value (\(cell.chain), recomputed \(expected)): "
            + "it, or the cell before it, was edited, removed or reordered",
          line: cell.line)
      }
      chain = expected
    }
    return .verified(cells: document.cells.count)
  }
}
