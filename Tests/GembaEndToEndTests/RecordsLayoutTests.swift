import Foundation
import GembaTestSupport
import Testing

/// Issue 27, item 10b, on the built binary: apt's history log and dpkg's status file (records of
/// `Key: value` lines separated by blank lines) load as one row per record.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct RecordsLayoutTests {
  /// An apt history log as apt writes it: a blank line first and between records, `Key: value`
  /// lines, two spaces inside the dates, and here long lists folded onto indented lines.
  static let history = """

    Start-Date: 2026-11-02  09:14:03
    Commandline: apt-get install -y nginx
    Requested-By: ops (1001)
    Install: nginx:amd64 (1.22.1-9), nginx-common:amd64 (1.22.1-9, automatic),
     libnginx-mod-http-geoip:amd64 (1.22.1-9, automatic),
     libnginx-mod-stream:amd64 (1.22.1-9, automatic)
    End-Date: 2026-11-02  09:14:11

    Start-Date: 2026-11-09  03:00:41
    Commandline: /usr/bin/unattended-upgrade
    Upgrade: openssl:amd64 (3.0.15-1~deb12u1, 3.0.17-1~deb12u2), libssl3:amd64 (3.0.15-1~deb12u1, 3.0.17-1~deb12u2)
    End-Date: 2026-11-09  03:00:47

    Start-Date: 2026-11-17  14:22:10
    Commandline: apt-get remove --purge apache2
    Requested-By: ops (1001)
    Remove: apache2:amd64 (2.4.62-1~deb12u2)
    Purge: apache2-bin:amd64 (2.4.62-1~deb12u2),
     apache2-data:amd64 (2.4.62-1~deb12u2)
    End-Date: 2026-11-17  14:22:19

    Start-Date: 2026-11-24  10:05:55
    Commandline: apt-get install -y postgresql-15
    Requested-By: dba (1002)
    Install: postgresql-15:amd64 (15.10-0+deb12u1), postgresql-client-15:amd64 (15.10-0+deb12u1, automatic),
     postgresql-common:amd64 (248, automatic)
    Error: Sub-process /usr/bin/dpkg returned an error code (1)
    End-Date: 2026-11-24  10:06:30

    Start-Date: 2026-12-01  03:01:02
    Commandline: /usr/bin/unattended-upgrade
    Upgrade: tzdata:amd64 (2025b-0+deb12u1, 2025b-0+deb12u2)
    End-Date: 2026-12-01  03:01:04

    """

  /// Python's own reading of the records: blocks between blank lines, each parsed by the email
  /// package's header parser (RFC 822, which folds as Debian does), folds unfolded.
  static let pythonReading = """
    import json, re, sys
    from email.parser import Parser
    from email.policy import compat32
    columns, rows, starts, block, first = [], [], [], [], None
    def flush():
        global block, first
        if block:
            message = Parser(policy=compat32).parsestr('\\n'.join(block) + '\\n', headersonly=True)
            record = {}
            for key, value in message.items():
                if key not in columns: columns.append(key)
                record.setdefault(key, re.sub(r'\\r?\\n', '', value).strip())
            rows.append(record); starts.append(first)
        block, first = [], None
    for number, line in enumerate(open(sys.argv[1], encoding='utf-8').read().split('\\n'), 1):
        if line.strip() == '':
            flush()
        else:
            first = first or number
            block.append(line)
    flush()
    print(json.dumps({'columns': columns, 'rows': [[r.get(c, '') for c in columns] for r in rows], 'lines': starts}))
    """

  struct Reading: Decodable {
    var columns: [String]
    var rows: [[String]]
    var lines: [Int]
  }

  /// The JSON array `show NAME --format json` printed, as rows keyed by column.
  static func shownRows(_ stdout: String) throws -> [[String: String]] {
    let start = try #require(stdout.range(of: "\n[\n")).lowerBound
    let end = try #require(stdout.range(of: "\n]\n", range: start..<stdout.endIndex)).upperBound
    return try JSONDecoder().decode([[String: String]].self, from: Data(stdout[start..<end].utf8))
  }

  /// Item 10b: the log loads as one row per record, a column per key, values as Python reads them.
  @Test(.enabled(if: ExternalProgram.runs(needing: ExternalProgram.pythonHas("email")), "needs python3"))
  func aptHistoryLoadsAsRecordsAsPythonReadsThem() throws {
    let folder = try GembaProcess.scratchFolder()
    let file = folder.appendingPathComponent("history.log")
    try Self.history.write(to: file, atomically: true, encoding: .utf8)
    let python = try ExternalProgram.run(["python3", "-c", Self.pythonReading, file.path], errors: .merged)
    #expect(python.status == 0, "\(python.out)")
    let expected = try JSONDecoder().decode(Reading.self, from: Data(python.out.utf8))
    #expect(expected.rows.count == 5 && expected.columns.count == 9, "\(python.out)")

    let result = try GembaProcess.run(
      ["nb.md"],
      stdin:
        "load history.log as apt\nshow apt --limit 100 --format json\nshow apt --limit 1 --format csv\nshow apt#4\n",
      in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("5 rows × 9 columns"), "\(result.stdout)")
    #expect(result.stdout.contains("records layout"), "\(result.stdout)")
    // Start-Date and End-Date are dates by the inference every column gets.
    #expect(result.stdout.contains("date/time: Start-Date, End-Date"), "\(result.stdout)")
    let rows = try Self.shownRows(result.stdout)
    #expect(rows.count == expected.rows.count)
    for (row, values) in zip(rows, expected.rows) {
      #expect(row == Dictionary(uniqueKeysWithValues: zip(expected.columns, values)))
    }
    // The columns in order of first appearance: the CSV header.
    #expect(result.stdout.contains("\n" + expected.columns.joined(separator: ",") + "\n"), "\(result.stdout)")
    // A row is cited at its record's first line.
    #expect(
      result.stdout.contains("#4 (line \(expected.lines[3])):") || result.stdout.contains("line \(expected.lines[3]):"),
      "\(result.stdout)")
  }

  /// A line inside a record that is neither `Key: value` nor indented is named with its line;
  /// `--format records` reads a file whose name says otherwise, and a dpkg status file without an
  /// extension is known by its lines.
  @Test func aDamagedLineIsNamedAndTheLayoutCanBeGivenOrSniffed() throws {
    let folder = try GembaProcess.scratchFolder()
    var lines = Self.history.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines.insert("--- cut here ---", at: 12)  // inside the second record, after its Start-Date
    try lines.joined(separator: "\n").write(
      to: folder.appendingPathComponent("history.txt"), atomically: true, encoding: .utf8)
    let status = (1...4).map {
      "Package: pkg\($0)\nStatus: install ok installed\nPriority: optional\nVersion: 1.\($0)-1\nDescription: package \($0)\n a longer description\n"
    }
    try status.joined(separator: "\n").write(
      to: folder.appendingPathComponent("status"), atomically: true, encoding: .utf8)
    let result = try GembaProcess.run(
      ["nb.md"],
      stdin:
        "load history.txt as apt --format records\nload status as dpkg\ndpkg | where Package = pkg3 | select Description\n",
      in: folder)
    let said = result.stdout + result.stderr
    #expect(said.contains("5 rows × 9 columns"), "\(said)")
    #expect(said.contains("history.txt:13 (row 2"), "\(said)")
    #expect(said.contains("not `Key: value`"), "\(said)")
    #expect(said.contains("4 rows × 5 columns"), "\(said)")
    #expect(said.contains("package 3 a longer description"), "\(said)")
  }
}
