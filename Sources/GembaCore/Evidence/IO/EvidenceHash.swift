import Crypto

/// SHA-256 of evidence bytes as lowercase hex: what `load` records and `verify` recomputes.
public enum EvidenceHash {
  public static func sha256(_ bytes: UnsafeRawBufferPointer) -> String {
    Hex.string(SHA256.hash(data: bytes))
  }

  /// The SHA-256 of `source`, reading what is still unread of its file a chunk at a time and
  /// hashing each chunk while it is in the cache (one pass, not read-then-hash).
  public static func sha256(of source: ByteSource) throws(EvidenceError) -> String {
    guard let file = source.unread else { return sha256(source.buffer) }
    var hasher = SHA256()
    var offset = 0
    while offset < source.count {
      let next = min(source.count, offset + StreamedLoad.chunk)
      try file.read(upTo: next)
      hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: source.buffer[offset..<next]))
      offset = next
    }
    return Hex.string(hasher.finalize())
  }
}
