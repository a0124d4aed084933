import Foundation
import Testing

/// Tab completion in the real shell, as a user sees it: the built binary in a tmux pane of a
/// fixed size, keys sent with `tmux send-keys`, the screen read with `tmux capture-pane`.
@Suite(
  .enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"),
  .enabled(
    if: TmuxPane.available || ProcessInfo.processInfo.environment["CI"] == "true",
    "needs tmux (scripts/bootstrap installs it) to drive the shell"))
struct ShellTmuxTests {
  @Test func tabCompletesEveryStageAndExportFormat() throws {
    let folder = try GembaProcess.scratchFolder()
    try "team,minutes,channel\nnorth,12,phone\nsouth,30,mail\n".write(
      to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
    let pane = try TmuxPane(folder: folder)
    defer { pane.close() }
    try pane.waitFor("the first prompt") { $0.contains("gemba [1]>") }
    try pane.type("load t.csv as t", enter: true)
    try pane.waitFor("the load") { $0.contains("gemba [2]>") }

    // `distinct` takes columns: Tab Tab lists them, in the file's order.
    try pane.step("t | distinct ", tabs: 2)
    try pane.waitFor("the columns after `distinct`") { Self.listed($0, ["team", "minutes", "channel"]) }
    // `median COL` goes on with `by`, `join OTHER` with `on`: one candidate, so Tab writes it.
    try pane.step("t | median minutes ", tabs: 1)
    try pane.waitFor("`by` after `median minutes`") { $0.contains("gemba [2]> t | median minutes by") }
    try pane.step("t | join t ", tabs: 1)
    try pane.waitFor("`on` after `join t`") { $0.contains("gemba [2]> t | join t on") }
    // `--percent` takes row or col, not a column.
    try pane.step("t | count by team, channel --percent ", tabs: 2)
    try pane.waitFor("row and col after `--percent`") { Self.listed($0, ["row", "col"]) }
    #expect(!Self.listed(try pane.screen(), ["team", "minutes", "channel"]), "columns offered after --percent")
    // `export` lists every format, the 8D and the A3 among them.
    let formats = ["md", "html", "json", "ipynb", "dot", "8d", "a3", "sop"]
    try pane.step("export ", tabs: 2)
    try pane.waitFor("every export format") { Self.listed($0, formats) }

    try pane.keys("C-u", "C-d")
    try pane.waitFor("Ctrl-D saving the notebook") { $0.contains("saved nb.md (") }
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 1, "a Tab ran a command")
  }

  /// Ctrl-C at the `...>` continuation prompt drops the open command; Tab on the fresh line must
  /// complete it alone, not as the continuation of what was dropped (issue 27, item 9).
  @Test func tabCompletesAfterCtrlCAtTheContinuationPrompt() throws {
    let folder = try GembaProcess.scratchFolder()
    let pane = try TmuxPane(folder: folder)
    defer { pane.close() }
    try pane.waitFor("the first prompt") { $0.contains("gemba [1]>") }
    try pane.type("finding \"the label printer jams\" \\", enter: true)
    try pane.waitFor("the continuation prompt") { $0.contains("...>") }
    try pane.keys("C-c")
    try pane.step("expo", tabs: 1)
    try pane.waitFor("`export` completed on the fresh line") { $0.contains("gemba [1]> export") }
    try pane.keys("C-u", "C-d")
    try pane.waitFor("gemba to end at Ctrl-D") { !$0.contains("gemba [1]> export") }
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 0, "the dropped command ran")
  }

  /// A line of the screen that holds exactly `words`, in this order (readline's list of matches).
  static func listed(_ screen: String, _ words: [String]) -> Bool {
    screen.split(separator: "\n").contains { line in line.split(separator: " ").map(String.init) == words }
  }
}

/// One gemba shell in a detached tmux session on its own server (its socket in the scratch folder).
struct TmuxPane {
  /// tmux is on the PATH.
  static let available = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
    FileManager.default.isExecutableFile(atPath: "\($0)/tmux")
  }
  let socket: String
  let config: String
  let environment: [String: String]

  /// Starts gemba on `nb.md` in `folder`, `columns` × 40 (120 unless said), without colour, with
  /// its history and home in the folder (so nothing is shared with the user's shell or other tests).
  init(folder: URL, columns: Int = 120) throws {
    // A socket path must be short (about 100 bytes): not in the scratch folder.
    socket = "/tmp/gemba-tmux-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    // The pane stays after gemba exits, so its last words can be read.
    config = folder.appendingPathComponent("tmux.conf").path
    try "set -g remain-on-exit on\n".write(toFile: config, atomically: true, encoding: .utf8)
    let home = folder.appendingPathComponent("home").path
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    var environment = GembaProcess.environment([
      "HOME": home, "XDG_STATE_HOME": folder.appendingPathComponent("state").path,
      "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path, "TERM": "xterm",
      "INPUTRC": "/dev/null", "GEMBA_TEST_PTY": "1",
    ])
    environment["TMUX"] = nil  // a test run inside tmux starts its own server all the same
    self.environment = environment
    try tmux(
      [
        "new-session", "-d", "-x", String(columns), "-y", "40", "-c", folder.path, "--", GembaProcess.binary.path,
        "nb.md",
      ],
      startsServer: true)
  }

  /// Clears the line and the screen, types `text` and presses Tab `tabs` times.
  func step(_ text: String, tabs: Int) throws {
    try keys("C-u", "C-l")
    try type(text)
    // A pause between Tabs, so readline sees two presses (list) rather than one long one.
    for _ in 0..<tabs {
      usleep(150_000)
      try keys("Tab")
    }
  }

  func type(_ text: String, enter: Bool = false) throws {
    try tmux(["send-keys", "-l", text])
    if enter { try keys("Enter") }
  }

  func keys(_ names: String...) throws {
    for name in names { try tmux(["send-keys", name]) }
  }

  /// The visible screen, as text; `joined`: lines the pane wrapped read as the one line printed.
  func screen(joined: Bool = false) throws -> String {
    try tmux(["capture-pane", "-p"] + (joined ? ["-J"] : []), output: true)
  }

  /// Waits up to 20 s (the machine is shared with other builds) for the screen to satisfy `ok`.
  func waitFor(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ ok: (String) -> Bool) throws {
    var shown = ""
    for _ in 0..<200 {
      shown = try screen()
      if ok(shown) { return }
      usleep(100_000)
    }
    Issue.record("waited for \(what); the screen:\n\(shown)", sourceLocation: sourceLocation)
  }

  func close() {
    _ = try? tmux(["kill-server"])
    try? FileManager.default.removeItem(atPath: socket)
  }

  /// Runs a tmux command; its standard output is read only when `output` is true.
  /// - Parameter startsServer: the command starts the tmux server (see `spawnServer`).
  @discardableResult
  private func tmux(_ arguments: [String], output: Bool = false, startsServer: Bool = false) throws -> String {
    let command = ["tmux", "-S", socket, "-f", config] + arguments
    if startsServer {
      try spawnServer(command)
      return ""
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = output ? pipe : FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// Starts `command` (whose tmux client forks the server) with no signal blocked or ignored and
  /// no file inherited beyond /dev/null on 0–2. The test runner blocks most signals, and a server
  /// that inherits that mask never hears of its children's exit, so `kill-server` would hang it;
  /// Foundation learns of a child's exit from a socket the child inherits, which the server would keep.
  private func spawnServer(_ command: [String]) throws {
    let closeInherited =
      "for fd in /proc/$$/fd/*; do n=${fd##*/}; "
      + "if [ \"$n\" -gt 2 ]; then eval \"exec $n>&-\"; fi; done; exec \"$@\""
    let argv = ["/bin/bash", "-c", closeInherited, "bash", "/usr/bin/env"] + command
    let envp = environment.map { "\($0.key)=\($0.value)" }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var files = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&files)
    defer { posix_spawn_file_actions_destroy(&files) }
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0)
    let cArgv = argv.map { strdup($0) } + [nil]
    let cEnvp = envp.map { strdup($0) } + [nil]
    defer { (cArgv + cEnvp).forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/bash", &files, &attributes, cArgv, cEnvp)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
  }
}
