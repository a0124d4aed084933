import CMalloc
import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// A chart or test on a million rows allocates and frees arrays of 1–30 MB one after another.
// glibc gives each its own fresh mapping and returns it when freed, so every one is faulted in
// and zeroed again; kept in the heap, they are reused (I-MR 116 → 106 ms, a capability study
// 156 → 125 ms, as the shell's first chart after a load). Bigger blocks still get mappings.
gemba_keep_freed_memory(32 << 20, 1 << 30)

let code = CommandLineTool(arguments: Array(CommandLine.arguments.dropFirst()), environment: Environment.current).run()
exit(code)
