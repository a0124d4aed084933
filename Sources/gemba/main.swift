import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let code = CommandLineTool(arguments: Array(CommandLine.arguments.dropFirst()), environment: Environment.current).run()
exit(code)
