import Foundation
import GembaTestSupport
import Testing

/// Issue 23, findings 4 and 5: the 8D carries the form's header (the case's identity from `case`,
/// dates opened / last updated / closed and a derived status), judges due dates at the export's
/// time (overdue vs planned, never MISSING for work not yet due), and holds the escape-point gate
/// (D4 and `check` say when its whys are all still hypotheses).
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct EightDCaseHeaderTests {
  static let utc: Calendar = {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "UTC")!
    return c
  }()

  /// SOURCE_DATE_EPOCH for noon UTC of a day, worked out with Foundation's calendar.
  static func epoch(_ y: Int, _ m: Int, _ d: Int) -> [String: String] {
    let date = DateComponents(calendar: utc, year: y, month: m, day: d, hour: 12).date!
    return ["SOURCE_DATE_EPOCH": String(Int(date.timeIntervalSince1970))]
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func caseFieldsAreSetAmendedAndCarriedByEveryExport() throws {
    let folder = try GembaProcess.scratchFolder()
    let opened = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        title "Short brackets"
        case "8D-2026-014" --customer "Acme Motors" --part "4471-B rear bracket" --site "Plant 1"

        """, in: folder, environment: Self.epoch(2026, 10, 2))
    try #require(opened.status == 0, "\(opened.stderr)")
    // A later `case` changes only what it names: the site moves, the rest stays.
    let amended = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        case --complaint C-88121 --reported-by "Acme SQE" --site "Plant 2"
        status

        """, in: folder, environment: Self.epoch(2026, 10, 9))
    try #require(amended.status == 0, "\(amended.stderr)")
    #expect(
      amended.stdout.contains(
        "case amended: number 8D-2026-014 · customer Acme Motors · part 4471-B rear bracket · complaint C-88121 · "
          + "reported by Acme SQE · site Plant 2"))
    #expect(amended.stdout.contains("case      number 8D-2026-014"), "status shows the case: \(amended.stdout)")

    let export = Self.epoch(2026, 11, 18)
    let md = try GembaProcess.run(["export", "nb.md", "--format", "8d"], in: folder, environment: export)
    try #require(md.status == 0, "\(md.stderr)")
    for line in [
      "- **8D number:** 8D-2026-014", "- **Customer:** Acme Motors", "- **Part / product:** 4471-B rear bracket",
      "- **Complaint number:** C-88121", "- **Reported by:** Acme SQE", "- **Site:** Plant 2",
      // Opened: the first cell; last updated: the last change (the `status` cell is not one).
      "- **Date opened:** 2026-10-02", "- **Last updated:** 2026-10-09", "- **Status:** open",
      "- **Date closed:** not closed",
    ] {
      #expect(md.stdout.contains(line + "\n"), "8D lacks \(line)")
    }
    #expect(!md.stdout.contains("Plant 1"))
    let html = try GembaProcess.run(["export", "nb.md", "--format", "8d", "-o", "8d.html"], in: folder)
    try #require(html.status == 0, "\(html.stderr)")
    let page = try GembaProcess.read(folder.appendingPathComponent("8d.html"))
    #expect(
      page.contains("<tr><th scope=\"row\"><bdi>Customer</bdi></th><td><bdi>Acme Motors</bdi></td></tr>"), "\(page)")
    let a3 = try GembaProcess.run(["export", "nb.md", "--format", "a3"], in: folder)
    #expect(a3.stdout.contains("8D-2026-014 · Acme Motors · 4471-B rear bracket"))

    let json = try Self.json(
      try GembaProcess.run(["export", "nb.md", "--format", "json"], in: folder, environment: export).stdout)
    let identity = try #require(json["caseIdentity"] as? [String: String])
    #expect(
      identity == [
        "number": "8D-2026-014", "customer": "Acme Motors", "part": "4471-B rear bracket", "complaint": "C-88121",
        "reportedBy": "Acme SQE", "site": "Plant 2",
      ])
    let progress = try #require(json["progress"] as? [String: String])
    #expect(progress["status"] == "open")
    #expect(progress["opened"]?.hasPrefix("2026-10-02") == true)
    #expect(progress["lastUpdated"]?.hasPrefix("2026-10-09") == true)
    #expect(progress["closed"] == nil)
  }

  @Test func aCaseWithNothingToSetIsRefused() throws {
    let folder = try GembaProcess.scratchFolder()
    let run = try GembaProcess.run(["nb.md"], stdin: "case\n", in: folder)
    #expect(run.status != 0)
    #expect(run.stderr.contains("error[E0105]: `case` needs a report number or at least one field to set"))
  }

  /// A containment due 2026-10-20 and exported 2026-11-18 is overdue (the case); one due
  /// 2026-12-01 is planned. Exported again on 2026-12-05, both are overdue: the clock is the export's.
  @Test func dueDatesAreJudgedAtTheExportsTime() throws {
    let folder = try GembaProcess.scratchFolder()
    let made = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        problem "brackets cut short" --expected "120 mm" --actual "118 mm"
        contain "100 % check of brackets at packing" --owner "Sam Ortiz" --due 2026-10-20
        contain "sort the stock at the customer" --owner "Sam Ortiz" --due 2026-12-01
        finding "the stop block moves"
        action F1 "pin the stop block" --owner "Tom Reyes" --due 2026-11-01
        action F1 "add a go/no-go gauge" --owner "Tom Reyes" --due 2026-12-01

        """, in: folder, environment: Self.epoch(2026, 10, 1))
    try #require(made.status == 0, "\(made.stderr)")

    let early = try GembaProcess.run(
      ["export", "nb.md", "--format", "8d"], in: folder, environment: Self.epoch(2026, 11, 18)
    ).stdout
    #expect(
      early.contains(
        "| K1 | 100 % check of brackets at packing | Sam Ortiz | 2026-10-20 | **overdue (due 2026-10-20)** |"))
    #expect(
      early.contains("| K2 | sort the stock at the customer | Sam Ortiz | 2026-12-01 | planned (due 2026-12-01) |"))
    #expect(early.contains("**K1 — overdue (due 2026-10-20): not verified as of 2026-11-18**"))
    #expect(early.contains("| A1 | open | **overdue (due 2026-11-01)** |"))
    #expect(early.contains("| A2 | open | planned (due 2026-12-01) |"))
    #expect(early.contains("\nA2 — planned (due 2026-12-01)\n"))
    #expect(!early.contains("not implemented yet"), "work not yet due is not a deficiency")
    #expect(!early.contains("**MISSING:** K2"))

    let late = try GembaProcess.run(
      ["export", "nb.md", "--format", "8d"], in: folder, environment: Self.epoch(2026, 12, 5)
    ).stdout
    #expect(late.contains("**K2 — overdue (due 2026-12-01): not verified as of 2026-12-05**"))
    #expect(late.contains("| A2 | open | **overdue (due 2026-12-01)** |"))
    #expect(!late.contains("planned (due"))

    let html = try GembaProcess.run(
      ["export", "nb.md", "--format", "8d", "-o", "8d.html"], in: folder, environment: Self.epoch(2026, 11, 18))
    try #require(html.status == 0, "\(html.stderr)")
    let page = try GembaProcess.read(folder.appendingPathComponent("8d.html"))
    // Dates in running text are kept whole on screen and paper (`nw`).
    #expect(
      page.contains(
        "<td class=\"nw integrity failed\"><bdi>overdue (due <span class=\"nw\">2026-10-20</span>)</bdi></td>"),
      "\(page)")
    #expect(page.contains("<p><bdi>K2 — planned (due <span class=\"nw\">2026-12-01</span>): verify it on evidence"))
  }

  /// The status follows the record: contained once every containment is verified, root cause
  /// verified, corrected once every action is done, closed with an approval after the last change.
  @Test func theStatusAndTheClosingDateAreDerivedFromTheCells() throws {
    let folder = try GembaProcess.scratchFolder()
    try "part,length\nB1,118\nB2,120\n".write(
      to: folder.appendingPathComponent("parts.csv"), atomically: true, encoding: .utf8)
    func step(_ commands: String, on day: Int) throws -> [String: String] {
      let run = try GembaProcess.run(
        ["nb.md"], stdin: commands + "\n", in: folder, environment: Self.epoch(2026, 10, day))
      try #require(run.status == 0, "\(run.stderr)")
      let json = try Self.json(
        try GembaProcess.run(
          ["export", "nb.md", "--format", "json"], in: folder, environment: Self.epoch(2026, 10, 28)
        )
        .stdout)
      return try #require(json["progress"] as? [String: String])
    }
    #expect(
      try step(
        "load parts.csv as parts\nproblem \"brackets cut short\"\ncontain \"check all\" --owner Sam --due 2026-10-20",
        on: 1)["status"] == "open")
    #expect(try step("contained K1 --evidence parts#1-2", on: 3)["status"] == "contained")
    #expect(
      try step("why \"the stop block moved\"\nconfirm W1 --because \"seen\"\nroot W1", on: 5)["status"]
        == "root-cause-verified")
    #expect(
      try step("finding \"stop block\" --cause W1\naction F1 \"pin it\" --owner Tom --due 2026-10-20", on: 6)["status"]
        == "root-cause-verified")
    #expect(try step("done A1", on: 8)["status"] == "corrected")
    #expect(try step("effective A1 --evidence parts#2", on: 12)["status"] == "corrected")
    let closed = try step("signoff \"Quality manager\" \"Priya Shah\" --meaning approved", on: 14)
    #expect(closed["status"] == "closed")
    #expect(closed["closed"]?.hasPrefix("2026-10-14") == true)
    // A change after the approval reopens it to what the record still shows.
    let reopened = try step("why \"the clamp is loose\"", on: 15)
    #expect(reopened["status"] == "corrected")
    #expect(reopened["closed"] == nil)
    #expect(reopened["lastUpdated"]?.hasPrefix("2026-10-15") == true)
  }

  @Test func anEscapePointWhoseWhysAreAllHypothesesIsNotVerified() throws {
    let folder = try GembaProcess.scratchFolder()
    let made = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        problem "brackets cut short" --expected "120 mm" --actual "118 mm"
        process Line cut inspect pack
        escape "final inspection passed the short brackets" --step S2
        why E1 "the gauge was not used"
        why E1 "the sample plan skips night shift"
        check

        """, in: folder)
    try #require(made.status == 0 || made.status == 1, "\(made.stderr)")
    #expect(
      made.stdout.contains("E1  escape point not verified: its 2 whys are not confirmed on evidence"), "\(made.stdout)")
    let eightD = try GembaProcess.run(["export", "nb.md", "--format", "8d"], in: folder).stdout
    #expect(eightD.contains("**E1: escape point not verified — its whys are all still hypotheses"))

    let confirmed = try GembaProcess.run(
      ["nb.md"], stdin: "confirm E1.2 --because \"no night samples in the log\"\ncheck\n", in: folder)
    #expect(!confirmed.stdout.contains("escape point not verified"), "\(confirmed.stdout)")
    let after = try GembaProcess.run(["export", "nb.md", "--format", "8d"], in: folder).stdout
    #expect(!after.contains("escape point not verified"))
  }

  /// D3's where, from when, parts checked and found; D6's implementation date and the containment's
  /// removal. What was not given is "not stated", never guessed.
  @Test func containmentScopeCountsAndRemovalReachD3AndD6() throws {
    let folder = try GembaProcess.scratchFolder()
    try "part,length\nB1,118\nB2,120\n".write(
      to: folder.appendingPathComponent("parts.csv"), atomically: true, encoding: .utf8)
    let made = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        load parts.csv as parts
        problem "brackets cut short"
        contain "100 % check at packing" --owner "Sam Ortiz" --due 2026-10-20 --where "line B, packing" --from 2026-10-02
        contain "hold lot 42" --owner "Sam Ortiz"
        contained K1 --evidence parts#1-2 --checked 1200 --found 14
        finding "the stop block moves"
        action F1 "pin the stop block" --owner "Tom Reyes" --due 2026-11-01

        """, in: folder, environment: Self.epoch(2026, 10, 2))
    try #require(made.status == 0, "\(made.stderr)")
    #expect(made.stdout.contains("K1 verified (1200 checked, 14 found)"), "\(made.stdout)")
    let later = try GembaProcess.run(
      ["nb.md"], stdin: "done A1\nlift K1 --note \"A1 holds\"\n", in: folder, environment: Self.epoch(2026, 10, 23))
    try #require(later.status == 0, "\(later.stderr)")
    #expect(later.stdout.contains("K1 lifted at 2026-10-23T12:00:00Z: A1 holds"), "\(later.stdout)")
    let again = try GembaProcess.run(["nb.md"], stdin: "lift K1\n", in: folder)
    #expect(again.stderr.contains("K1 was already lifted at 2026-10-23T12:00:00Z"), "\(again.stderr)")
    let bad = try GembaProcess.run(
      ["nb.md"], stdin: "contained K2 --evidence parts#1 --checked 5 --found 9\n", in: folder)
    #expect(bad.stderr.contains("--found 9 is more than --checked 5"), "\(bad.stderr)")

    let eightD = try GembaProcess.run(
      ["export", "nb.md", "--format", "8d"], in: folder, environment: Self.epoch(2026, 10, 28)
    ).stdout
    #expect(eightD.contains("| Containment | Where | From | Parts checked | Found bad | Lifted |"))
    #expect(eightD.contains("| K1 | line B, packing | 2026-10-02 | 1200 | 14 | 2026-10-23 |"), "\(eightD)")
    #expect(eightD.contains("| K2 | not stated | not stated | not stated | not stated | in place |"))
    #expect(eightD.contains("| A1 | done | 2026-10-23 |"), "D6 shows the implementation date")
    #expect(eightD.contains("### Containment removed"))
    #expect(eightD.contains("| K1 | lifted 2026-10-23 | A1 holds |"))
    #expect(
      eightD.contains("| K2 | not lifted (in place) | — |") || eightD.contains("| K2 | not lifted (in place) |  |"))
    let json = try Self.json(try GembaProcess.run(["export", "nb.md", "--format", "json"], in: folder).stdout)
    let k1 = try #require((json["containments"] as? [[String: Any]])?.first)
    #expect(k1["scope"] as? String == "line B, packing")
    #expect(k1["from"] as? String == "2026-10-02")
    #expect(k1["checked"] as? Int == 1200)
    #expect(k1["found"] as? Int == 14)
    #expect((k1["liftedAt"] as? String)?.hasPrefix("2026-10-23") == true)
  }
}
