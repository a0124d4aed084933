import GembaCore
import GembaStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `gemba register …`: the register across investigations (docs/register.md).
extension CommandLineTool {
  static let registerUsage = """
    usage: gemba register index PATH… [--db URL]
           gemba register actions [--overdue | --due-review] [--owner NAME] [--as-of YYYY-MM-DD]
           gemba register containments [--overdue] [--owner NAME] [--as-of YYYY-MM-DD]
           gemba register investigations [--state open|contained|root-cause-found|signed|awaiting-effectiveness|closed]
           gemba register causes --recurring
           gemba register problems --recurring
           gemba register kpis
      each question also takes [--db URL] [--format table|csv|json|html] [--limit N]
      (a table shows the first 50 rows and says how many more; --limit 0 shows all; csv, json and html give all unless --limit)
    """

  private struct RegisterOptions {
    var positional: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []
  }

  func register(_ arguments: [String]) throws(Diagnostic) -> Int32 {
    let valued: Set<String> = ["--db", "--format", "--owner", "--as-of", "--state", "--limit"]
    let known: Set<String> = ["--overdue", "--due-review", "--recurring"]
    var options = RegisterOptions()
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if argument == "-h" || argument == "--help" {
        Console.out(Self.registerUsage)
        return 0
      } else if valued.contains(argument) {
        guard index < arguments.count else { throw registerUsage("\(argument) needs a value") }
        options.values[argument] = arguments[index]
        index += 1
      } else if known.contains(argument) {
        options.flags.insert(argument)
      } else if argument.hasPrefix("-") {
        throw registerUsage("unknown option \(argument) for `gemba register`")
      } else {
        options.positional.append(argument)
      }
    }
    guard let question = options.positional.first else {
      throw registerUsage("`gemba register` needs a question or `index`")
    }
    let rest = Array(options.positional.dropFirst())
    func allow(_ flags: Set<String>, _ values: Set<String>) throws(Diagnostic) {
      if let extra = options.flags.subtracting(flags).sorted().first
        ?? Set(options.values.keys).subtracting(values).sorted().first
      {
        throw registerUsage("`gemba register \(question)` does not take \(extra)")
      }
    }
    let common: Set<String> = ["--db", "--format", "--limit"]
    if question == "index" {
      try allow([], ["--db"])
      guard !rest.isEmpty else { throw registerUsage("`gemba register index` needs the folders or notebooks to index") }
      return try registerIndex(rest, db: options.values["--db"])
    }
    guard rest.isEmpty else { throw registerUsage("`gemba register \(question)` takes no paths (got \(rest[0]))") }
    let formatName = options.values["--format"] ?? "table"
    guard let format = AnswerFormat(rawValue: formatName) else {
      throw registerUsage("unknown format \(formatName): use table, csv, json or html")
    }
    // A manager's question wants the top of the list; a file wants all of it.
    var limit: Int? = format == .table ? Self.registerTableLimit : nil
    if let given = options.values["--limit"] {
      guard let n = Int(given), n >= 0 else {
        throw registerUsage("--limit takes a number of rows, 0 for all (got \(given))")
      }
      limit = n == 0 ? nil : n
    }
    let report: RegisterAnswer
    switch question {
    case "actions":
      try allow(["--overdue", "--due-review"], common.union(["--owner", "--as-of"]))
      guard !(options.flags.contains("--overdue") && options.flags.contains("--due-review")) else {
        throw registerUsage("choose one of --overdue and --due-review")
      }
      let today = try registerToday(options.values["--as-of"])
      let filter: RegisterQuestions.ActionFilter =
        options.flags.contains("--overdue") ? .overdue : options.flags.contains("--due-review") ? .dueReview : .open
      report = try ask { q in try q.actions(filter, owner: options.values["--owner"], today: today, limit: limit) }
    case "containments":
      try allow(["--overdue"], common.union(["--owner", "--as-of"]))
      let today = try registerToday(options.values["--as-of"])
      report = try ask { q in
        try q.containments(
          overdue: options.flags.contains("--overdue"), owner: options.values["--owner"], today: today,
          limit: limit)
      }
    case "investigations":
      try allow([], common.union(["--state"]))
      if let state = options.values["--state"], !RegisterQuestions.states.contains(state) {
        throw registerUsage("unknown state \(state): use " + RegisterQuestions.states.joined(separator: ", "))
      }
      report = try ask { q in try q.investigations(state: options.values["--state"], limit: limit) }
    case "causes", "problems":
      try allow(["--recurring"], common)
      guard options.flags.contains("--recurring") else {
        throw registerUsage("`gemba register \(question)` asks for what recurs: add --recurring")
      }
      report = try ask { q in
        try question == "causes" ? q.recurringCauses(limit: limit) : q.recurringProblems(limit: limit)
      }
    case "kpis":
      try allow([], common)
      report = try ask { q in try q.kpis().limited(to: limit) }
    default:
      throw registerUsage(
        "unknown register question \(question): use index, actions, containments, investigations, causes, problems or kpis"
      )
    }
    var shown = report
    // The command as typed, without the register's location (it may name a server).
    var typed: [String] = []
    var skip = false
    for argument in arguments {
      if skip { skip = false } else if argument == "--db" { skip = true } else { typed.append(argument) }
    }
    shown.question = (["gemba", "register"] + typed).joined(separator: " ")
    let text = format.render(shown)
    // Console.out ends the text with one line break: the renderer's own (no copy of the text to drop it).
    Console.out(text)
    return 0

    func ask(_ body: (RegisterQuestions) throws -> RegisterAnswer) throws(Diagnostic) -> RegisterAnswer {
      let (db, name) = try openRegister(options.values["--db"], forIndexing: nil)
      do {
        let questions = try RegisterQuestions(db: db, name: name)
        let report = try body(questions)
        Self.warnNotReadSinceUpgrade(try questions.notReadSinceUpgrade())
        return report
      } catch {
        throw registerFailure(error, name: name)
      }
    }
  }

  /// Rows a table shows unless --limit says otherwise.
  static let registerTableLimit = 50

  /// "Today" for a question: `--as-of`, else the date of SOURCE_DATE_EPOCH or the clock (UTC).
  private func registerToday(_ asOf: String?) throws(Diagnostic) -> CalendarDateText {
    let text = asOf ?? String(Clock.now(environment: environment).prefix(10))
    guard let today = CalendarDateText(text), asOf.map({ CalendarDate($0) != nil }) ?? true else {
      throw registerUsage("--as-of takes a date, YYYY-MM-DD (got \(text))")
    }
    return today
  }

  /// Says when the register holds notebooks an older gemba indexed and no run has read since
  /// (their figures are left out or counted the old way), and what to do.
  private static func warnNotReadSinceUpgrade(_ stale: (count: Int, paths: [String])) {
    guard stale.count > 0 else { return }
    let more = stale.count > stale.paths.count ? ", …" : ""
    Console.err(
      "warning: \(stale.count) notebook\(stale.count == 1 ? " was" : "s were") indexed by an older gemba and not read since "
        + "(\(stale.paths.joined(separator: ", "))\(more)): the figures leave them out or count them by the older rules; "
        + "run `gemba register index` on their folders")
  }

  /// `gemba register index PATH…`.
  private func registerIndex(_ paths: [String], db url: String?) throws(Diagnostic) -> Int32 {
    let (db, name) = try openRegister(url, forIndexing: paths[0])
    let report: RegisterIndexer.Report
    do {
      report = try RegisterIndexer(db: db, name: name).index(paths, now: Clock.now(environment: environment))
    } catch {
      throw registerFailure(error, name: name)
    }
    for line in report.moved { Console.err("moved: \(line)") }
    for line in report.problems { Console.err("warning: \(line)") }
    if let stale = try? RegisterQuestions(db: db, name: name).notReadSinceUpgrade() {
      Self.warnNotReadSinceUpgrade(stale)
    }
    Console.out(
      "indexed \(report.total) notebook\(report.total == 1 ? "" : "s") (\(report.new) new, \(report.changed) changed, "
        + "\(report.unchanged) unchanged; \(report.failed) failed) into \(name)")
    return report.failed > 0 ? 1 : 0
  }

  /// The register named by --db, else $GEMBA_REGISTER_URL, else `.gemba/register.db` under the
  /// first path indexed (for the questions: in this folder or the nearest one above that has it).
  private func openRegister(_ given: String?, forIndexing firstPath: String?) throws(Diagnostic) -> (
    any SQLDatabase, String
  ) {
    let text: String
    if let given {
      text = given
    } else if let env = environment["GEMBA_REGISTER_URL"], !env.isEmpty {
      text = env
    } else if let firstPath {
      var info = stat()
      let folder =
        stat(firstPath, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR ? firstPath : Paths.folder(of: firstPath)
      let gemba = Paths.resolve(".gemba", in: folder)
      // Another indexer may make it at the same moment: EEXIST is success.
      if !Paths.exists(gemba), mkdir(gemba, 0o755) != 0, errno != EEXIST {
        throw Diagnostic.file(
          .registerFailed, "cannot create \(gemba) for the register: \(String(cString: strerror(errno)))",
          notes: ["pass --db sqlite:PATH to keep the register elsewhere"]
        ).about(.file)
      }
      text = gemba + "/register.db"
    } else {
      text = Self.nearestRegister() ?? ".gemba/register.db"
    }
    let url: DatabaseURL
    do { url = try DatabaseURL(parsing: text) } catch {
      throw registerFailure(SQLError(error), name: error.shown).about(.usage)
    }
    // Indexing creates the register's folder (one level: a typo two folders deep is an error).
    if firstPath != nil, case .sqlite(let path) = url, !Paths.exists(Paths.folder(of: path)) {
      _ = mkdir(Paths.folder(of: path), 0o755)
    }
    if firstPath == nil, case .sqlite(let path) = url, !Paths.exists(path) {
      throw Diagnostic.file(
        .noRegister, "no register at \(path)",
        notes: [
          "run `gemba register index PATH…` first (it writes PATH/.gemba/register.db), or name one with --db sqlite:FILE"
        ])
    }
    do {
      return (try openDatabase(url), url.description)
    } catch {
      throw registerFailure(error, name: url.description)
    }
  }

  /// `.gemba/register.db` in this folder or the nearest folder above that has one.
  private static func nearestRegister() -> String? {
    var folder = "."
    for _ in 0..<64 {
      let candidate = folder == "." ? ".gemba/register.db" : folder + "/.gemba/register.db"
      if Paths.exists(candidate) { return candidate }
      let up = folder == "." ? ".." : folder + "/.."
      if Paths.absolute(up) == Paths.absolute(folder) { return nil }
      folder = up
    }
    return nil
  }

  private func registerFailure(_ error: any Error, name: String) -> Diagnostic {
    guard let sql = error as? SQLError else { return Diagnostic.file(.registerFailed, "register \(name): \(error)") }
    // A schema message (RegisterSchema's) already names the register; others get its name in front.
    let message = sql.reason == .schema ? sql.message : sql.description
    var notes: [String] = []
    switch sql.reason {
    case .timeout: notes = ["another gemba is writing the register; try again when it has finished"]
    case .permission: notes = ["check that you may write \(name)"]
    case .connect, .authentication, .syntax, .constraint, .schema, .other: break
    }
    return Diagnostic.file(.registerFailed, message, notes: notes)
  }

  private func registerUsage(_ message: String) -> Diagnostic {
    Diagnostic.error(.usage, message, notes: ["usage: gemba register --help"]).about(.usage)
  }
}
