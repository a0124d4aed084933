/// The verbs of evidence: what each takes, its help, and how its arguments become a `Command`.
extension CommandCatalog {
  static let evidenceVerbs: [VerbSpec] = [
    VerbSpec(
      name: "load", group: .evidence,
      usage: "load PATH [as NAME] [--format \(EvidenceFormat.names.joined(separator: "|"))] [--sheet NAME|N]"
        + " [--header-rows 0|1|2] [--skip N] [--delimiter C] [--encoding E] [--date-format \"COL=FORMAT\"…] [--pattern REGEX] [--through YYYY-MM-DD]"
        + " | load sql \"QUERY\" --db postgresql://USER@HOST:PORT/DB|sqlite:PATH as NAME [--limit N] [--timeout SECONDS] [--allow-superuser] [--snapshot PATH]",
      summary:
        "Load an evidence file (relative to the notebook's folder); prints its size and SHA-256, and the last day it"
        + " covers (the day it is loaded, or --through when the extract ends earlier). `load sql` runs a query"
        + " on the team's database (no password in the URL: PGPASSWORD or ~/.pgpass), snapshots its answer as"
        + " evidence/NAME.sql.csv and loads that (the cell records it as --snapshot); replay reads the snapshot and never contacts the server."
        + " The query runs in a read-only transaction; a PostgreSQL superuser is refused unless --allow-superuser"
        + " (connect as a role with SELECT rights only).",
      example: "load evidence/tickets.csv as tickets",
      options: [
        OptionSpec("format", .single, .choice(EvidenceFormat.names), hint: "FORMAT"),
        OptionSpec("sheet", .single, hint: "NAME|N"),
        OptionSpec("header-rows", .single, .choice(["0", "1", "2"]), hint: "N"), OptionSpec("skip", .single, hint: "N"),
        OptionSpec("delimiter", .single, .choice(["comma", "semicolon", "tab", "pipe"]), hint: "C"),
        OptionSpec("encoding", .single, .choice(["utf-8", "utf-16", "windows-1252", "latin1"]), hint: "E"),
        OptionSpec("date-format", .list, hint: "COL=FORMAT"), OptionSpec("pattern", .single, hint: "REGEX"),
        OptionSpec("through", .single, .date, hint: "YYYY-MM-DD"),
        OptionSpec("db", .single, hint: "URL"), OptionSpec("limit", .single, hint: "N"),
        OptionSpec("timeout", .single, hint: "SECONDS"), OptionSpec("snapshot", .single, .path, hint: "PATH"),
        OptionSpec("allow-superuser", .flag),
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let path = try a.take("a file path")
        if path.kind == .word, path.text.lowercased() == "sql", let next = a.positionals.first,
          !(next.kind == .word && next.text.lowercased() == "as")
        {
          return try sqlLoad(&a, keyword: path)
        }
        let name = try evidenceName(&a)
        var spec = LoadSpec(
          path: Located(path.text, at: path.span), name: name,
          format: a.single("format").map { Located($0.text, at: $0.span) })
        if let token = a.single("header-rows") {
          guard let n = Int(token.text), (0...2).contains(n) else {
            throw .error(.invalidOptionValue, "`--header-rows` takes 0, 1 or 2, not `\(token.text)`", at: token.span)
          }
          spec.headerRows = Located(n, at: token.span)
        }
        if let token = a.single("skip") {
          guard let n = Int(token.text), n >= 0 else {
            throw .error(.invalidOptionValue, "`--skip` takes a number of lines, not `\(token.text)`", at: token.span)
          }
          spec.skip = Located(n, at: token.span)
        }
        spec.delimiter = a.single("delimiter").map { Located($0.text, at: $0.span) }
        spec.encoding = a.single("encoding").map { Located($0.text, at: $0.span) }
        spec.dateFormats = (a.option("date-format")?.values ?? []).map { Located($0.text, at: $0.span) }
        spec.pattern = a.single("pattern").map { Located($0.text, at: $0.span) }
        spec.sheet = a.single("sheet").map { Located($0.text, at: $0.span) }
        if let token = a.single("through") { spec.through = Located(try Parser.date(token), at: token.span) }
        return .load(spec)
      }),
    VerbSpec(
      name: "refresh", group: .evidence, usage: "refresh NAME",
      summary: "Run the query of the last `load sql … as NAME` on its server again: a new `load sql` cell, which says"
        + " whether the server's answer changed since the earlier one.",
      example: "refresh complaints", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let name = try a.take("the name of a `load sql` answer")
        return .refresh(Located(name.text, at: name.span))
      }),
    VerbSpec(
      name: "evidence", group: .evidence, usage: "evidence",
      summary: "List loaded evidence: name, format, rows, bytes, short hash.", example: "evidence", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .listEvidence
      }),
    VerbSpec(
      name: "show", group: .evidence, usage: "show NAME [--limit N] [--format table|csv|json] | show NAME#ROW[-ROW]",
      summary: "Show the first rows (or lines) of evidence; with NAME#ROW or NAME#FIRST-LAST, those rows as a citation"
        + " of them shows them.", example: "show tickets --limit 5",
      options: [
        OptionSpec("limit", .single, hint: "N"),
        OptionSpec("format", .single, .choice(["table", "csv", "json"]), hint: "FORMAT"),
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let name = try a.take("an evidence name")
        var limit: Int?
        if let token = a.single("limit") {
          guard let n = Int(token.text), n >= 0 else {
            throw .error(.invalidOptionValue, "`--limit` takes a whole number, not `\(token.text)`", at: token.span)
          }
          limit = n
        }
        return .show(
          name: Located(name.text, at: name.span), limit: limit,
          format: a.single("format").map { Located($0.text, at: $0.span) })
      }),
    VerbSpec(
      name: "grep", group: .evidence, usage: "grep NAME PATTERN",
      summary: "Matching lines or rows, with their numbers.", example: "grep applog timeout", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        throw a.missing("an evidence name")
      }),
    VerbSpec(
      name: "pareto", group: .evidence, usage: "pareto NAME by COL [--sum COL]",
      summary: "Counts (or sums) by category, sorted, with share, cumulative share and the 80 % cut.",
      example: "pareto tickets by reason", options: [OptionSpec("sum", .single, .column, hint: "COL")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        throw a.missing("an evidence name")
      }),
    VerbSpec(
      name: "histogram", group: .evidence, usage: "histogram NAME COL [--bins N]",
      summary: "The distribution of a numeric column.", example: "histogram tickets handle_minutes --bins 10",
      options: [OptionSpec("bins", .single, hint: "N")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        throw a.missing("an evidence name")
      }),
    VerbSpec(
      name: "timeline", group: .evidence, usage: "timeline [NAME COL [--every \(TimeBucket.usage)]]",
      summary: "Counts over time of a date column; with no arguments, the investigation's events and cited rows.",
      example: "timeline tickets opened_at --every week",
      options: [OptionSpec("every", .single, .choice(TimeBucket.allCases.map(\.rawValue)), hint: "PERIOD")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .showTimeline
      }),
    VerbSpec(
      name: "spc", group: .evidence,
      usage: "spc NAME COL [--chart \(ChartKind.usage)] [--subgroup COL | --size N] [--n COL]"
        + " [--by \(TimeBucket.usage)] [--stages COL | --split DATE…] [--baseline FROM..TO] [--rules we|nelson|1,2,5]",
      summary:
        "A control chart with the points that break the rules (each names its test): individuals (XmR) by default;"
        + " --chart picks I-MR, X̄-R, X̄-S, p, np, c, u, Laney p′/u′ or a run chart; --stages/--split give limits per stage,"
        + " --baseline limits from a baseline period.",
      example: "spc tickets handle_minutes --by day",
      options: StageCatalog.chartOptions,
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        throw a.missing("an evidence name")
      }),
    VerbSpec(
      name: "compare", group: .evidence,
      usage: "compare S1/N1 S2/N2 | compare NAME COL = VALUE by GROUP | compare NAME COL by GROUP",
      summary: "Is the difference real? Two shares typed in, or a query's groups (shares and text columns: one"
        + " decision on the table — χ² without Yates, Fisher's exact test for a sparse 2 × 2, Freeman–Halton for a sparse larger table —"
        + " with Newcombe's interval for two shares and Bonferroni-adjusted driving cells; a measure: Welch and Mann–Whitney,"
        + " or ANOVA and Kruskal–Wallis); ends in plain words naming the test.",
      example: "compare 98/584 16/136", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let first = try a.take("a share like 98/584")
        let second = try a.take("a second share like 16/136")
        return .compareShares(try TypedShares.parse(first, second))
      }),
    VerbSpec(
      name: "capability", group: .evidence,
      usage: "capability NAME COL --lsl X --usl Y [--target T] [--subgroup COL | --size N]",
      summary: "Process capability: Cp, Cpl, Cpu, Cpk, Cpm, Pp, Ppk with confidence intervals, PPM outside the limits,"
        + " an Anderson–Darling normality test and a histogram with the limits.",
      example: "capability rings diameter --lsl 73.95 --usl 74.05 --size 5",
      options: StageCatalog.capabilityOptions,
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        throw a.missing("an evidence name")
      }),
    VerbSpec(
      name: "metric", group: .evidence,
      usage: "metric dpmo|fpy|rty|coq [--defects N --units N --opportunities N | ...]",
      summary: "Quality KPIs: DPMO and sigma level, first-pass yield, rolled throughput yield, cost of quality.",
      example: "metric dpmo --defects 37 --units 1200 --opportunities 4",
      options: [
        OptionSpec("defects", .single, hint: "N"), OptionSpec("units", .single, hint: "N"),
        OptionSpec("opportunities", .single, hint: "N"), OptionSpec("passed", .single, hint: "N"),
        OptionSpec("yields", .list, hint: "Y..."), OptionSpec("prevention", .single, hint: "AMOUNT"),
        OptionSpec("appraisal", .single, hint: "AMOUNT"), OptionSpec("internal", .single, hint: "AMOUNT"),
        OptionSpec("external", .single, hint: "AMOUNT"), OptionSpec("revenue", .single, hint: "AMOUNT"),
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let kind = try a.take("a metric: dpmo, fpy, rty or coq")
        var options: [String: Located<String>] = [:]
        for option in a.spec.options {
          if let values = a.option(option.name)?.values, let first = values.first {
            options[option.name] = Located(Arguments.join(values), at: first.span.through(values.last!.span))
          }
        }
        return .metric(kind: Located(kind.text.lowercased(), at: kind.span), options: options)
      }),
  ]
}
