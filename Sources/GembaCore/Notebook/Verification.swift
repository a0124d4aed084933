/// `gemba verify`: recompute the chain over every cell and compare it with the
/// values in the cell headers. The first cell whose value differs was edited,
/// removed or moved (or a cell before it was).
public enum Verification {
  public enum Result: Equatable, Sendable {
    case verified(cells: Int)
    case failed(message: String, line: Int)
  }

  /// - Parameter anchor: a chain value kept outside the notebook (printed at sign-off,
  ///   in the exported record). A chain alone cannot tell that cells were cut off the
  ///   end; with an anchor, a notebook that no longer contains that value fails.
  public static func verify(_ document: NotebookFormat.Document, anchor: String? = nil) -> Result {
    if let problem = document.problems.first {
      return .failed(message: problem.message, line: problem.span?.start.line ?? 1)
    }
    var chain = Chain.genesis
    for cell in document.cells {
      let expected = Chain.next(
        after: chain, number: cell.number, time: cell.time, command: cell.command, output: cell.output,
        data: cell.data)
      guard expected == cell.chain else {
        return .failed(
          message: "cell \(cell.number) does not match its chain value (\(cell.chain), recomputed \(expected)): "
            + "it, or the cell before it, was edited, removed or reordered",
          line: cell.line)
      }
      chain = expected
    }
    if let anchor, !document.cells.contains(where: { $0.chain == anchor.lowercased() }) {
      return .failed(
        message:
          "no cell has chain \(anchor): cells were removed from the end, or this is not the notebook that was approved",
        line: document.cells.last?.line ?? 1)
    }
    return .verified(cells: document.cells.count)
  }
}

extension Verification {
  /// A `load` cell and the digest it recorded: what `verify` re-hashes.
  public struct EvidenceLoad: Sendable, Equatable {
    public var cell: Int
    public var line: Int
    public var spec: LoadSpec
    /// The SHA-256 the cell stored (v2), or the short one it printed (v1).
    public var recorded: String
  }

  /// The evidence the notebook loaded, cell by cell (reading the commands, not the files).
  public static func evidenceLoads(_ document: NotebookFormat.Document) -> [EvidenceLoad] {
    document.cells.compactMap { cell in
      guard case .load(let spec)? = try? Parser.parse(cell.command),
        let recorded = (try? cell.decodedData())??.loaded?.record.sha256 ?? Verification.printedDigest(in: cell.output)
      else {
        return nil
      }
      return EvidenceLoad(cell: cell.number, line: cell.line, spec: spec, recorded: recorded)
    }
  }
}

extension Verification {
  /// The short SHA-256 a `load` cell printed, for cells written before loads stored their record (`sha256 3f2a9c1e77d04b12`).
  static func printedDigest(in output: String) -> String? {
    guard let range = output.range(of: "sha256 ") else { return nil }
    let hex = output[range.upperBound...].prefix { $0.isHexDigit }
    // A digest short enough to match by chance proves nothing: 16 hex digits at least.
    return hex.count < 16 ? nil : String(hex)
  }
}
