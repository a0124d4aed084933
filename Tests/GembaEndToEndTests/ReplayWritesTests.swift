import Foundation
import GembaTestSupport
import Testing

/// Issue 24, finding 4: `replay --allow-writes` writes only new files, or files an earlier replay
/// of the same notebook wrote (recorded in the user's own state folder) — never a notebook,
/// anything in `.gemba/`, or a file gemba did not write. Each refusal has a code; the replay goes on.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct ReplayWritesTests {
  @Test func aReceivedNotebookCannotOverwriteTheTeamsFiles() throws {
    let root = try GembaProcess.scratchFolder()
    let sender = root.appendingPathComponent("sender")
    let team = root.appendingPathComponent("team")
    for f in [sender, team] { try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true) }
    let made = try GembaProcess.run(
      ["nb.md"],
      stdin:
        "note planted\nexport md team-investigation.md\nexport md .gemba/trusted-keys\nexport md notes.txt\nexport md out.md\nexport md record/new.md\n",
      in: sender)
    try #require(made.status == 0, "\(made.stderr)")
    try FileManager.default.copyItem(
      at: sender.appendingPathComponent("nb.md"), to: team.appendingPathComponent("nb.md"))
    // The team's own notebook, key list and notes, beside the received notebook.
    let teamWork = try GembaProcess.run(["team-investigation.md"], stdin: "note our own work\n", in: team)
    try #require(teamWork.status == 0, "\(teamWork.stderr)")
    try FileManager.default.createDirectory(
      at: team.appendingPathComponent(".gemba"), withIntermediateDirectories: true)
    let files = ["team-investigation.md", ".gemba/trusted-keys", "notes.txt"].map { team.appendingPathComponent($0) }
    try "# the team's keys\n".write(to: files[1], atomically: true, encoding: .utf8)
    try "written by hand\n".write(to: files[2], atomically: true, encoding: .utf8)
    let before = try files.map { try GembaProcess.read($0) }
    let state = ["XDG_STATE_HOME": root.appendingPathComponent("state").path]

    let first = try GembaProcess.run(["replay", "nb.md", "--allow-writes"], in: team, environment: state)
    #expect(
      first.stderr.contains(
        "error[E0606]: not written: team-investigation.md: it is a gemba notebook: replays never write over one"))
    #expect(
      first.stderr.contains("error[E0606]: not written: .gemba/trusted-keys: it is inside a .gemba/ folder"))
    #expect(
      first.stderr.contains(
        "error[E0606]: not written: notes.txt: it exists, and no replay of this notebook wrote it (or it changed since)"
      ))
    #expect(try files.map { try GembaProcess.read($0) } == before)
    let out = team.appendingPathComponent("out.md")
    #expect(try GembaProcess.read(out).contains("planted"), "a new file is written: \(first.stderr)")
    // In a folder not made yet too (made inside the notebook's folder, as the session made it).
    #expect(try GembaProcess.read(team.appendingPathComponent("record/new.md")).contains("planted"))

    // Its own file again: written over (recorded); the team's files still refused.
    let second = try GembaProcess.run(["replay", "nb.md", "--allow-writes"], in: team, environment: state)
    #expect(!second.stderr.contains("not written: out.md"), "\(second.stderr)")
    #expect(second.stderr.contains("not written: team-investigation.md"))
    #expect(try files.map { try GembaProcess.read($0) } == before)

    // Changed since by someone: no longer what gemba wrote, so refused.
    try "edited by hand\n".write(to: out, atomically: true, encoding: .utf8)
    let third = try GembaProcess.run(["replay", "nb.md", "--allow-writes"], in: team, environment: state)
    #expect(third.stderr.contains("error[E0606]: not written: out.md: it exists, and no replay"))
    #expect(try GembaProcess.read(out) == "edited by hand\n")
  }
}
