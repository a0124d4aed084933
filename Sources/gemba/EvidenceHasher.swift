import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Hashes evidence files for the integrity line (banner, `status`, exports): the edge's
/// half of `EvidenceState.check`. A file is hashed again only when its inode, size or
/// modification time changed, so `status` stays instant on large evidence.
final class EvidenceHasher {
  let policy: PathPolicy
  private var cache: [String: (stamp: [Int], sha256: String)] = [:]

  init(policy: PathPolicy) { self.policy = policy }

  func sha256(of path: String) throws(Diagnostic) -> String {
    let nowhere = SourceSpan(at: SourcePosition(line: 1, column: 1))
    let file = try policy.resolve(Located(path, at: nowhere))
    var info = stat()
    guard lstat(file, &info) == 0 || stat(file, &info) == 0 else { throw .error("the file is missing") }
    if (info.st_mode & S_IFMT) == S_IFLNK, stat(file, &info) != 0 { throw .error("the file is missing (a broken link)") }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw .error((info.st_mode & S_IFMT) == S_IFDIR ? "a folder stands where the file was" : "it is not a regular file")
    }
    #if canImport(Darwin)
      let mtime = [Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec)]
    #else
      let mtime = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
    #endif
    let stamp = [Int(info.st_dev), Int(info.st_ino), Int(info.st_size)] + mtime
    if let hit = cache[file], hit.stamp == stamp { return hit.sha256 }
    do {
      let mapped = try MappedFile(path: file)
      let digest = EvidenceHash.sha256(mapped.bytes)
      cache[file] = (stamp, digest)
      return digest
    } catch {
      throw .error(error.description)
    }
  }
}
