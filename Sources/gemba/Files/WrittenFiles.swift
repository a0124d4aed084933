import Foundation
import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files replays of a notebook wrote (`replay --allow-writes`), kept in the user's own state
/// folder — `$XDG_STATE_HOME/gemba/written` (else `~/.local/state/gemba/written`) — one JSON line
/// each: the notebook, the file and the SHA-256 written. Kept by the user, not beside the notebook,
/// so a received folder cannot claim that gemba wrote one of its files.
struct WrittenFiles {
  struct Entry: Codable, Equatable {
    var notebook: String
    var path: String
    var sha256: String
  }

  let file: String?

  init(environment: [String: String]) {
    file = UserFolders.state("written", environment: environment)
  }

  /// True when a replay of `notebook` wrote `path` and the file still holds exactly what it wrote.
  func wrote(_ path: String, for notebook: String) -> Bool {
    guard let file, let text = Paths.read(file), let now = Self.sha256(of: path) else { return false }
    let entry = Entry(notebook: notebook, path: path, sha256: now)
    return text.split(separator: "\n").contains { line in
      (try? JSONDecoder().decode(Entry.self, from: Data(line.utf8))) == entry
    }
  }

  /// Records that a replay of `notebook` wrote `content` to `path` (both canonical).
  func record(_ path: String, content: String, for notebook: String) {
    guard let file else { return }
    let folder = Paths.folder(of: file)
    var built = ""
    for part in folder.split(separator: "/") {
      built += "/" + part
      mkdir(built, 0o700)
    }
    let entry = Entry(notebook: notebook, path: path, sha256: Self.digest(content))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let json = try? encoder.encode(entry) else { return }
    let line = Array(json) + [UInt8(ascii: "\n")]
    // One write with O_APPEND: lines from replays running at once do not interleave.
    let fd = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
  }

  /// The SHA-256 of a regular file's text (never opening a pipe or a device, which could block).
  static func sha256(of path: String) -> String? {
    guard isRegularFile(path), let text = Paths.read(path) else { return nil }
    return digest(text)
  }

  static func digest(_ text: String) -> String {
    Array(text.utf8).withUnsafeBytes { EvidenceHash.sha256($0) }
  }

  static func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
  }
}

/// What `replay --allow-writes` may write: a new file, or one a replay of this notebook wrote
/// before and nobody changed since — never a notebook, anything in a `.gemba/` folder, or a
/// pipe or device. A received notebook's exports cannot replace the team's files.
struct ReplayWrites {
  let notebook: String
  let written: WrittenFiles

  init(notebook path: String, environment: [String: String]) {
    notebook = SafeFile.canonical(path)
    written = WrittenFiles(environment: environment)
  }

  /// Why `target` (canonical) must not be written, or nil when it may be.
  func refusal(of target: String) -> String? {
    if target.split(separator: "/").contains(".gemba") {
      return "it is inside a .gemba/ folder (trusted keys, the register): replays never write there"
    }
    guard Paths.exists(target) else { return nil }
    guard WrittenFiles.isRegularFile(target) else { return "it exists and is not a regular file" }
    if Self.isNotebook(target) { return "it is a gemba notebook: replays never write over one" }
    guard written.wrote(target, for: notebook) else {
      return "it exists, and no replay of this notebook wrote it (or it changed since): replays write only new files "
        + "or their own"
    }
    return nil
  }

  func record(_ target: String, content: String) { written.record(target, content: content, for: notebook) }

  /// True when the file starts (after blank lines) with gemba's notebook header.
  static func isNotebook(_ path: String) -> Bool {
    guard let handle = fopen(path, "rb") else { return false }
    defer { fclose(handle) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = fread(&buffer, 1, buffer.count, handle)
    let start = buffer[0..<n].drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    return start.starts(with: Array("<!-- gemba notebook".utf8))
  }
}
