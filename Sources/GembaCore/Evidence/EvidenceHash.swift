import Crypto

/// SHA-256 of evidence bytes as lowercase hex: what `load` records and `verify` recomputes.
public enum EvidenceHash {
  public static func sha256(_ bytes: UnsafeRawBufferPointer) -> String {
    Chain.hex(SHA256.hash(data: bytes))
  }
}
