import Foundation
import Testing
@testable import GembaCore

/// Writes every format of the example records to `$GEMBA_RECORD_SAMPLES`, for reading by eye
/// (`GEMBA_RECORD_SAMPLES=/tmp/samples swift test --filter RecordSample`).
@Suite struct RecordSampleTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["GEMBA_RECORD_SAMPLES"] != nil, "set GEMBA_RECORD_SAMPLES=DIR to write samples"))
  func writeSamples() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["GEMBA_RECORD_SAMPLES"]!)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, record) in [("refund", RecordFixtures.refund()), ("hostile", RecordFixtures.hostile())] {
      for format in RecordFormat.allCases {
        try ExternalTools.write(format.renderer.render(record), to: folder, "\(name).\(format.fileExtension)")
      }
    }
  }
}

extension RecordSampleTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["GEMBA_RECORD_SAMPLES"] != nil, "set GEMBA_RECORD_SAMPLES=DIR to write samples"))
  func writeSOPSamples() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["GEMBA_RECORD_SAMPLES"]!)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, sop) in [("heading", RecordSOPUpdateTests.headingSOP), ("numbered", RecordSOPUpdateTests.numberedSOP), ("none", nil)] {
      let result = SOPUpdater.update(record: RecordFixtures.refund(), sop: sop, date: RecordSOPUpdateTests.date)
      try ExternalTools.write(result.document, to: folder, "sop-\(name).md")
      try ExternalTools.write(result.diff ?? "", to: folder, "sop-\(name).md.diff")
    }
  }
}
