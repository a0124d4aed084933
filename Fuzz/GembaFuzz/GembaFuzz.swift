import Foundation
import GembaCore

/// libFuzzer entry: one binary, four targets chosen by `GEMBA_FUZZ_TARGET` (scripts/fuzz sets it):
/// `parser` (lexer, parser, query stages), `session` (commands run in a session over memory files),
/// `loaders` (every evidence format over the bytes), `notebook` (the notebook reader, verify, the fold).
/// Each must return for any input, without a crash, a trap or a hang.
nonisolated(unsafe) let target = ProcessInfo.processInfo.environment["GEMBA_FUZZ_TARGET"] ?? "parser"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  switch target {
  case "session": FuzzTargets.session(bytes)
  case "loaders": FuzzTargets.loaders(bytes)
  case "notebook": FuzzTargets.notebook(bytes)
  default: FuzzTargets.parser(bytes)
  }
  return 0
}

// swift-format-ignore: AlwaysUseLowerCamelCase
// libFuzzer's own C symbol: the name is the link.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry as `<target>_main`; it hands over to libFuzzer's driver.
@_cdecl("GembaFuzz_main")
public func gembaFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var count = argc
  var values = argv
  return LLVMFuzzerRunDriver(&count, &values, fuzzOne)
}
