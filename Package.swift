// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
  name: "gemba",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "gemba", targets: ["gemba"]),
    .library(name: "GembaCore", targets: ["GembaCore"]),
  ],
  dependencies: [
    // SHA-256 for the notebook chain and evidence digests (BoringSSL-backed on Linux).
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3")
  ],
  targets: [
    .systemLibrary(
      name: "CReadline",
      providers: [.apt(["libreadline-dev"]), .brew(["readline"])]
    ),
    // zlib inflates the entries of .xlsx workbooks (a pure computation over bytes, so the core may use it).
    // glibc's allocator settings (no library to link): see Sources/gemba/main.swift.
    .systemLibrary(name: "CMalloc"),
    .systemLibrary(
      name: "CZlib",
      providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
    ),
    // SQLite and PostgreSQL's client through their C libraries, as readline is: no package to build
    // in CI (the register and `load sql`).
    .systemLibrary(
      name: "CSQLite",
      providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
    ),
    .systemLibrary(
      name: "CLibPQ",
      providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
    ),
    .target(
      name: "GembaCore",
      dependencies: [.product(name: "Crypto", package: "swift-crypto"), "CZlib"]
    ),
    // The edge that talks to databases: the register across notebooks, `load sql`.
    .target(
      name: "GembaStore",
      dependencies: ["GembaCore", "CSQLite", "CLibPQ"]
    ),
    .executableTarget(
      name: "gemba",
      dependencies: ["GembaCore", "GembaStore", "CReadline", "CMalloc"]
    ),
    // What the test targets share: scratch folders cleaned at exit, the PostgreSQL test server.
    .target(name: "GembaTestSupport", path: "Tests/GembaTestSupport"),
    .testTarget(name: "GembaCoreTests", dependencies: ["GembaCore", "GembaTestSupport"]),
    .testTarget(name: "GembaStoreTests", dependencies: ["GembaStore", "GembaCore", "GembaTestSupport"]),
    // pty/: the python3 + pexpect script ShellPtyTests runs, not a source of the target. The tests run
    // .build/debug/gemba, so they depend on it: `swift test` rebuilds the binary first (GembaBinaryTests
    // fails when it is older than its objects anyway).
    .testTarget(
      name: "GembaEndToEndTests", dependencies: ["gemba", "GembaCore", "GembaTestSupport"], exclude: ["pty"]),
  ]
)

// The fuzz targets (scripts/fuzz) exist only in a fuzzing build: they link libFuzzer, whose
// `main` would clash with an ordinary build and test run.
if ProcessInfo.processInfo.environment["GEMBA_FUZZ"] == "1" {
  package.targets.append(
    .executableTarget(
      name: "GembaFuzz", dependencies: ["GembaCore"], path: "Fuzz/GembaFuzz",
      swiftSettings: [.unsafeFlags(["-sanitize=fuzzer", "-parse-as-library"])],
      linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]))
}
