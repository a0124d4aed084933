import Testing

@testable import GembaCore

/// How each sign-off stands against the verifier's keys, and what a v3 signature binds.
@Suite struct SignatureReportTests {
  static let privateKey = SigningKeys.generate()

  /// A notebook's cells: a why, Priya's signed sign-off, Dan's hand-typed one (he has no key).
  static func cells() -> [Cell] {
    let session = Session()
    session.signer = { name, message in
      name == "Priya Shah" ? try? SignoffSignature.sign(message, privateKey: privateKey.privateKey) : nil
    }
    let lines = [
      "why \"answers differ\"", "signoff \"Quality manager\" \"Priya Shah\"", "signoff \"Operator\" \"Dan Brown\"",
    ]
    for (i, line) in lines.enumerated() { _ = session.run(line, time: "2026-11-20T10:0\(i):00Z") }
    return session.cells
  }

  @Test func eachSignoffIsMarkedAgainstTheTrustedKeys() {
    let cells = Self.cells()
    let key = Self.privateKey.publicKey
    func marks(_ trusted: [String: String]) -> [SignatureStatus] {
      SignatureReport.check(cells, trusted: trusted).entries.map(\.status)
    }
    #expect(marks([key: "Priya Shah"]) == [.trusted, .unsigned])
    #expect(marks([key: "priya shah"]) == [.trusted, .unsigned])
    #expect(marks([key: "alice"]) == [.keyOfAnotherName, .unsigned])
    #expect(marks([key: ""]) == [.keyOfAnotherName, .unsigned])
    #expect(marks([:]) == [.unknownKey, .unsigned])
    #expect(SignatureReport.check(cells, trusted: [key: "Priya Shah"]).entries.first?.form == 3)
  }

  /// A cell swapped for another with the same shown chain value (what a 64-bit collision gives):
  /// a v3 signature fails, a v1 signature over the shown value alone does not notice.
  @Test func aSwapBehindTheShownChainFailsV3ButNotV1() throws {
    var cells = Self.cells()
    let key = Self.privateKey.publicKey
    cells[0].output = "why W1: Containment NOT verified"  // its stored chain value left as it was
    #expect(SignatureReport.check(cells, trusted: [key: "Priya Shah"]).entries.first?.status == .invalid)

    let v1 = try SignoffSignature.sign(
      SignoffSignature.message(
        chain: cells[0].chain, role: "Quality manager", name: "Priya Shah", time: cells[1].time),
      privateKey: Self.privateKey.privateKey)
    cells[1].data = CellData(signature: v1).encoded()
    let weaker = SignatureReport.check(cells, trusted: [key: "Priya Shah"]).entries.first
    #expect(weaker?.status == .trusted)
    #expect(weaker?.form == 1)
  }

  @Test func theV3BytesAreAsDocumented() {
    let digest = String(repeating: "ab", count: 32)
    let bytes = SignoffSignature.message(
      chain: "0123456789abcdef", digest: digest, role: "QM", name: "Priya Shah", meaning: .approved,
      time: "2026-11-20T10:00:00Z")
    #expect(
      String(decoding: bytes, as: UTF8.self)
        == "gemba signoff v3\nchain=0123456789abcdef\ndigest=\(digest)\nrole=QM\nname=Priya Shah\nmeaning=approved\n"
        + "time=2026-11-20T10:00:00Z\n")
  }
}
