import Foundation
import Testing
@testable import GembaCore

/// Writes every format of the example records to `$GEMBA_RECORD_SAMPLES`, for reading by eye
/// (`GEMBA_RECORD_SAMPLES=/tmp/samples swift test --filter RecordSample`).
@Suite struct RecordSampleTests {
  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["GEMBA_RECORD_SAMPLES"] != nil,
      "set GEMBA_RECORD_SAMPLES=DIR to write samples"))
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
  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["GEMBA_RECORD_SAMPLES"] != nil,
      "set GEMBA_RECORD_SAMPLES=DIR to write samples"))
  func writeSOPSamples() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["GEMBA_RECORD_SAMPLES"]!)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, sop) in [
      ("heading", RecordSOPUpdateTests.headingSOP), ("numbered", RecordSOPUpdateTests.numberedSOP), ("none", nil),
    ] {
      let result = try SOPUpdater.update(record: RecordFixtures.refund(), sop: sop, date: RecordSOPUpdateTests.date)
      try ExternalTools.write(result.document, to: folder, "sop-\(name).md")
      try ExternalTools.write(result.diff ?? "", to: folder, "sop-\(name).md.diff")
    }
  }
}

extension RecordSampleTests {
  /// The 8D (both forms), the A3 and the record of the corrective-action examples.
  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["GEMBA_RECORD_SAMPLES"] != nil,
      "set GEMBA_RECORD_SAMPLES=DIR to write samples"))
  func writeReportSamples() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["GEMBA_RECORD_SAMPLES"]!)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let examples = [
      ("ca-refund", CorrectiveActionFixtures.refund()), ("ca-large", CorrectiveActionFixtures.large()),
      ("ca-hostile", CorrectiveActionFixtures.hostile()), ("refund", RecordFixtures.refund()),
    ]
    for (name, record) in examples {
      let document = EightDReport.document(record)
      try ExternalTools.write(ReportMarkdown().render(document), to: folder, "\(name)-8d.md")
      try ExternalTools.write(ReportHTML().render(document, generator: "sample"), to: folder, "\(name)-8d.html")
      try ExternalTools.write(A3Renderer().render(record), to: folder, "\(name)-a3.html")
      try ExternalTools.write(HTMLRecordRenderer().render(record), to: folder, "\(name)-record.html")
    }
  }
}
