import Foundation
import Testing

@testable import GembaCore

/// A why tree deeper than `JSONEncoder` goes is written in pieces (`deepRender`); the pieces must
/// join to the very bytes `JSONEncoder` writes for the whole record, checked here on trees it can
/// still write, cut into pieces only 1, 2 and 3 levels deep.
@Suite struct DeepRecordJSONTests {
  /// Branching whys 12 deep, a nested fishbone, escape whys, and text JSON must escape.
  static func record() -> Record {
    var commands = [
      "title \"Deep \\\"quoted\\\" / slashed, ünïcode ✓\"", "problem \"p\"", "why \"a tab\\there and a line\\nbreak\"",
    ]
    var id = "W1"
    for k in 2...12 {
      commands.append("why \(id) \"answer \(k) \\\\ back\"")
      if k % 3 == 0 { commands.append("why \(id) \"branch at \(k)\"") }
      id += ".1"
    }
    commands += [
      "root \(id)", "confirm W1 --because \"seen\"", "why \"a second tree\"", "why W2 \"under it\"",
      "fishbone \"effect\" --template 6M", "cause Method \"c1\"", "cause C1 \"c1.1\"", "cause C1.1 \"c1.1.1\"",
      "cause Machine \"c2\"", "process Flow \"one\" \"two\"", "escape \"not caught\" --step S1", "why E1 \"no check\"",
      "why E1.1 \"no owner\"",
    ]
    let session = RecordFixtures.session(commands)
    return RecordFixtures.record(session)
  }

  @Test(arguments: [1, 2, 3])
  func piecesJoinToWhatTheEncoderWrites(_ chunk: Int) {
    let record = Self.record()
    #expect(Record.Node.depth(of: record.whys) == 11)
    let whole = JSONRecordRenderer.encoded(record) + "\n"
    let pieces = JSONRecordRenderer.deepRender(record, chunk: chunk)
    #expect(pieces == whole)
    if pieces != whole {
      let a = Array(pieces.utf8), b = Array(whole.utf8)
      let at = a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? a.count
      Issue.record(
        "first difference at byte \(at): \(String(decoding: a[max(0, at - 80)..<min(a.count, at + 80)], as: UTF8.self).debugDescription)"
      )
    }
  }
}
