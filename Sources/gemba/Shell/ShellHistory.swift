import GembaCore
import CReadline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The shell's history file, shared by every gemba session of the user.
///
/// Each command is appended as it is entered (so two sessions merge rather than
/// clobber each other, and a killed session keeps what was typed). Timestamped
/// entries keep a multi-line command as one entry; the file is cut to the last
/// `limit` entries when a session starts (readline's own `history_truncate_file`
/// counts lines, and would split such entries).
struct ShellHistory {
  static let limit: Int32 = 1000
  let path: String

  /// Reads the history at `path`, creating its folder and the file if needed;
  /// nil (and no history) when it cannot be created.
  init?(path: String) {
    self.path = path
    guard Self.makeFolders(for: path) else { return nil }
    Self.cut(path, to: Int(Self.limit))
    // A FIFO or a folder at the history's path means no history, not a hang.
    guard case .success(let fd) = RegularFile.open(path, O_RDWR | O_CREAT | O_APPEND, mode: 0o600) else { return nil }
    // A file written without timestamps (by hand, or by another tool) would read as one
    // long entry with multi-line entries on: read it a line an entry instead.
    var first: UInt8 = 0
    let stamped = read(fd, &first, 1) != 1 || first == UInt8(ascii: "#")
    close(fd)
    gemba_history_keep_multiline(stamped ? 1 : 0)
    _ = read_history(path)
    gemba_history_keep_multiline(1)
    stifle_history(Self.limit)
  }

  /// Adds a command unless it repeats the previous one, and appends it to the file.
  func add(_ entry: String) {
    // A database URL with a password (which `load sql` refuses) must not reach the history file either.
    let words = entry.split(whereSeparator: { $0.isWhitespace || $0 == "\"" })
    if words.contains(where: { DatabaseURL.holdsPassword(String($0)) }) { return }
    if let last = gemba_history_last(), String(cString: last) == entry { return }
    add_history(entry)
    _ = append_history(1, path)
  }

  /// Keeps the last `limit` entries of the file. An entry is a `#<seconds>` line and
  /// the lines up to the next one; lines before the first stamp are an entry each.
  static func cut(_ path: String, to limit: Int) {
    guard let text = Paths.read(path) else { return }
    var entries: [[Substring]] = []
    var stamped = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      if line.count > 1, line.first == "#", line.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
        entries.append([line])
        stamped = true
      } else if stamped {
        entries[entries.count - 1].append(line)
      } else {
        entries.append([line])
      }
    }
    guard entries.count > limit else { return }
    let kept = entries.suffix(limit).flatMap { $0 }.joined(separator: "\n") + "\n"
    try? SafeFile.write(kept, to: path)
  }

  /// `mkdir -p` of the folder holding `path` (new folders are private: 0700).
  private static func makeFolders(for path: String) -> Bool {
    guard let slash = path.lastIndex(of: "/") else { return true }
    let folder = String(path[..<slash])
    var prefix = folder.hasPrefix("/") ? "/" : ""
    for part in folder.split(separator: "/") {
      prefix += part + "/"
      if mkdir(prefix, 0o700) != 0 && errno != EEXIST { return false }
    }
    return true
  }
}
