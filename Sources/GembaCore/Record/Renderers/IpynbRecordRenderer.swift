/// The session as a Jupyter notebook (nbformat 4.5) that JupyterLab and nbviewer open:
/// a header cell with the record's summary, one markdown cell per `note`, and one code
/// cell per other command with its output as a `stdout` stream.
///
/// Written by `JSONValue` in nbformat's own layout (indent 1, sorted keys, UTF-8 unescaped),
/// so `execution_count` is always present and a saved-by-Jupyter copy diffs cleanly.
public struct IpynbRecordRenderer: RecordRenderer {
  public init() {}

  public func render(_ record: Record) -> String {
    var cells: [JSONValue] = [header(record)]
    cells.reserveCapacity(record.log.count + 1)
    for cell in record.log {
      let metadata: JSONValue = .object([
        "gemba": .object(["cell": .int(cell.number), "time": .string(cell.time), "chain": .string(cell.chain)])
      ])
      if let note = cell.note {
        cells.append(
          .object([
            "id": .string("note-\(cell.number)"), "cell_type": .string("markdown"), "metadata": metadata,
            "source": JSONValue.lines(MarkdownText.block(note)),
          ]))
        continue
      }
      var outputs: [JSONValue] = []
      if !cell.output.isEmpty {
        outputs.append(
          .object([
            "output_type": .string("stream"), "name": .string("stdout"), "text": JSONValue.lines(cell.output + "\n"),
          ]))
      }
      cells.append(
        .object([
          "id": .string("cell-\(cell.number)"), "cell_type": .string("code"), "metadata": metadata,
          "execution_count": .int(cell.number), "source": JSONValue.lines(cell.command), "outputs": .array(outputs),
        ]))
    }
    let notebook: JSONValue = .object([
      "nbformat": .int(4), "nbformat_minor": .int(5), "cells": .array(cells),
      "metadata": .object([
        "kernelspec": .object([
          "name": .string("gemba"), "display_name": .string("gemba"), "language": .string("gemba"),
        ]),
        "language_info": .object(["name": .string("gemba")]),
        "gemba": .object([
          "format": .string(record.format), "version": .int(record.version),
          "generated_at": .string(record.generatedAt),
          "integrity": .string(record.integrity.line), "chain": .string(record.integrity.chain),
        ]),
      ]),
    ])
    return notebook.written(indent: 1) + "\n"
  }

  /// The title, the problem and the integrity line, so the notebook says what it is.
  private func header(_ r: Record) -> JSONValue {
    var text = "# " + MarkdownText.inline(r.title) + "\n\n"
    text += "*gemba record v\(r.version) · generated \(MarkdownText.inline(r.generatedAt)) · "
    text += MarkdownText.inline(r.integrity.line) + "*\n"
    if let p = r.problem {
      text += "\n**Problem:** \(MarkdownText.inline(p.statement))\n"
      if let expected = p.expected { text += "\n- **Expected:** \(MarkdownText.inline(expected))" }
      if let actual = p.actual { text += "\n- **Actual:** \(MarkdownText.inline(actual))" }
      if p.expected != nil || p.actual != nil { text += "\n" }
    }
    text += "\nEach code cell is one gemba command as it was run, with what it printed."
    return .object([
      "id": .string("gemba-header"), "cell_type": .string("markdown"), "metadata": .object([:]),
      "source": JSONValue.lines(text),
    ])
  }
}
