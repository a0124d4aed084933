import Testing
@testable import GembaCore
@Test func versionIsSet() { #expect(!Gemba.version.isEmpty) }
