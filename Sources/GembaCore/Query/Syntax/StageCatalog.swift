/// What the language knows about each query stage (what comes after `|`): its usage, help,
/// an example, and what each argument and option takes. The stage parser's names, `help STAGE`
/// and Tab completion read this table.
public struct StageSpec: Sendable {
  public var name: String
  public var usage: String
  public var summary: String
  public var example: String
  /// What each position after the stage word takes, options left out (see `StageArgument`).
  public var arguments: [StageArgument]
  /// The `--options`, anywhere after the stage word, with the kind of value each takes.
  public var options: [OptionSpec]
}

public enum StageCatalog {
  public static let stages: [StageSpec] =
    [
      StageSpec(
        name: "where", usage: "NAME | where COL OP VALUE [and|or COL OP VALUE …]",
        summary:
          "Keep the rows that meet the condition. Operators: = != < <= > >= and ~ (contains, or a regular expression);"
          + " `--ignore-case` makes = != ~ !~ ignore letter case; a text value that finds no row names the values near it;"
          + " values compare by the column's type (dates as dates, numbers as numbers): a date or number that does not"
          + " read as the column's type is refused (2020-02-30, 41,9 where the file writes 41.9), and 2020-2-1 reads as"
          + " 2020-02-01. Quote a value with spaces.",
        example: "tickets | where correct = no and opened_at >= 2026-09-01",
        arguments: StageArgument.condition, options: [OptionSpec("ignore-case", .flag)]),
      StageSpec(
        name: "count", usage: "NAME | … | count [by COL [, COL] [--percent row|col]]",
        summary: "Count the rows; by one column, the rows per value; by two, a cross-tab with totals;"
          + " `--percent row` or `--percent col` shows each cell as a share of its row or column.",
        example: "tickets | where correct = no | count by source, tenure",
        arguments: [.optional([.keyword("by"), .columns])],
        options: [OptionSpec("percent", .single, .choice(PercentBasis.allCases.map(\.rawValue)), hint: "row|col")]),
      StageSpec(
        name: "sort", usage: "NAME | … | sort COL [desc]",
        summary: "Order the rows by a column (by its type: dates in time order), ascending unless `desc`.",
        example: "tickets | sort opened_at desc",
        arguments: [.column, .optional([.choice(["desc", "asc"])])], options: []),
      StageSpec(
        name: "top", usage: "NAME | … | top N",
        summary: "The first N rows (after a sort, the N largest or smallest).",
        example: "tickets | sort window_quoted desc | top 5",
        arguments: [.free(hint: "N")], options: []),
      StageSpec(
        name: "select", usage: "NAME | … | select COL [, COL …]",
        summary: "Keep only these columns, in this order.", example: "tickets | select ticket, source, correct",
        arguments: [.columns], options: []),
      StageSpec(
        name: "grep", usage: "NAME | … | grep PATTERN [--ignore-case]",
        summary: "The rows or lines that contain PATTERN, with their numbers.", example: "applog | grep timeout",
        arguments: [.free(hint: "PATTERN")], options: [OptionSpec("ignore-case", .flag)]),
      StageSpec(
        name: "limit", usage: "NAME | … | limit N",
        summary: "At most N rows of the result.", example: "tickets | where reopened = yes | limit 20",
        arguments: [.free(hint: "N")], options: []),
      StageSpec(
        name: "pareto", usage: "NAME | … | pareto by COL [--sum COL]",
        summary: "Counts (or sums) by category, sorted, with share, cumulative share and the 80 % cut.",
        example: "tickets | where correct = no | pareto by source",
        arguments: [.keyword("by"), .column], options: [OptionSpec("sum", .single, .column, hint: "COL")]),
      StageSpec(
        name: "histogram", usage: "NAME | … | histogram COL [--bins N]",
        summary: "The distribution of a numeric column.", example: "tickets | histogram handle_minutes --bins 10",
        arguments: [.column], options: [OptionSpec("bins", .single, hint: "N")]),
      StageSpec(
        name: "timeline", usage: "NAME | … | timeline COL [--every \(TimeBucket.usage)] [--span rows|evidence]",
        summary: "Counts per period of a date/time column; the periods span the matching rows, or with --span evidence"
          + " the whole file's dates up to the last day it covers (a period with none of the rows is a zero, before and"
          + " after them).",
        example: "tickets | where correct = no | timeline opened_at --every week",
        arguments: [.column], options: timelineOptions),
      StageSpec(
        name: "spc",
        usage: "NAME | … | spc COL [--chart \(ChartKind.usage)] [--subgroup COL | --size N]"
          + " [--n COL] [--by \(TimeBucket.usage)] [--stages COL | --split DATE…] [--baseline FROM..TO] [--rules we|nelson|1,2,5]",
        summary:
          "A control chart with the points that break the rules: individuals (XmR) by default; --chart picks I-MR, X̄-R, X̄-S,"
          + " p, np, c, u, Laney p′/u′ or a run chart; --stages/--split compute limits per stage, --baseline from a baseline period.",
        example: "tickets | spc handle_minutes --by day",
        arguments: [.column], options: chartOptions),
      StageSpec(
        name: "compare", usage: "NAME | … | compare COL = VALUE by GROUP | compare COL by GROUP",
        summary: "Is the difference real? Shares meeting a condition per group (2 groups: χ² = z², or Fisher when"
          + " an expected count is under 5; more: χ², or Freeman–Halton when sparse), a text column's cross-tab (the same rule; driving cells"
          + " adjusted for their number), or a measure between groups (Welch and Mann–Whitney; ANOVA and Kruskal–Wallis).",
        example: "tickets | compare reopened = yes by team",
        arguments: [.either([[.column], StageArgument.condition]), .keyword("by"), .column], options: []),
      StageSpec(
        name: "capability", usage: "NAME | … | capability COL --lsl X --usl Y [--target T] [--subgroup COL | --size N]",
        summary:
          "Process capability: Cp, Cpk, Cpm, Pp, Ppk with intervals, PPM outside the limits, a normality test and a histogram.",
        example: "rings | capability diameter --lsl 73.95 --usl 74.05 --size 5",
        arguments: [.column], options: capabilityOptions),
    ] + StageCatalog.computing

  /// The stages that compute new columns, combine evidence and summarise numbers.
  static let computing: [StageSpec] = [
    StageSpec(
      name: "derive", usage: "NAME | … | derive NAME = EXPR",
      summary: "A new column from an expression: + - * / and ( ); a date minus a date is a duration, read with"
        + " days(…), hours(…) or minutes(…); hour(d), weekday(d) (Mon…Sun), month(d) (1–12), year(d), lower(t), upper(t),"
        + " if(COND, A, B) with = != < <= > >= ~ !~ and, or, not in COND (an empty cell equals \"\" and nothing else)."
        + " An empty cell in arithmetic gives an empty result (the count is said);"
        + " dividing by zero or doing arithmetic on text stops with the row and column.",
      example: "requests | derive cycle_days = days(ClosedDate - CreatedDate)",
      arguments: [.free(hint: "NAME"), .keyword("="), .expression], options: []),
    StageSpec(
      name: "extract", usage: "NAME | … | extract COL \"REGEX with (group)\" as NAME",
      summary:
        "A new column holding the first group of the regular expression (linear time: no pattern can hang gemba);"
        + " empty where it does not match.",
      example: "applog | extract line \"user=(\\w+)\" as user",
      arguments: [.column, .free(hint: "\"REGEX\""), .keyword("as"), .free(hint: "NAME")], options: []),
    StageSpec(
      name: "join", usage: "NAME | … | join OTHER on KEY [= OTHERKEY] [--left]",
      summary:
        "Add the columns of evidence OTHER whose KEY (or OTHERKEY) equals this KEY, as text, trimmed; an empty key matches"
        + " nothing (inner; --left keeps unmatched rows with empty cells)."
        + " Says how many rows matched; refuses a join that would make more than 5,000,000 rows.",
      example: "tickets | join agents on agent --left",
      arguments: [.evidence, .keyword("on"), .column, .optional([.keyword("="), .joinedColumn])],
      options: [OptionSpec("left", .flag)]),
    StageSpec(
      name: "distinct", usage: "NAME | … | distinct COL [, COL …]",
      summary: "Each combination of the columns' values once, in order, with how many rows have it.",
      example: "tickets | distinct source, team",
      arguments: [.columns], options: []),
    StageSpec(
      name: "sum", usage: "NAME | … | sum COL [by COL [, COL …]]",
      summary: "The total of a numeric column, overall or per group (with n, the values counted, and empty cells).",
      example: "tickets | sum handle_minutes by team",
      arguments: aggregate, options: []),
    StageSpec(
      name: "avg", usage: "NAME | … | avg COL [by COL [, COL …]]",
      summary: "The mean of a numeric column, overall or per group.", example: "tickets | avg handle_minutes by team",
      arguments: aggregate, options: []),
    StageSpec(
      name: "median", usage: "NAME | … | median COL [by COL [, COL …]]",
      summary: "The median of a numeric column, overall or per group.",
      example: "tickets | median handle_minutes by team",
      arguments: aggregate, options: []),
    StageSpec(
      name: "p90", usage: "NAME | … | p90 COL [by COL [, COL …]]",
      summary:
        "The 90th percentile (linear interpolation, as pandas and DuckDB's quantile_cont), overall or per group.",
      example: "tickets | p90 handle_minutes by team",
      arguments: aggregate, options: []),
  ]

  /// `sum|avg|median|p90 COL [by COL [, COL …]]`.
  static let aggregate: [StageArgument] = [.column, .optional([.keyword("by"), .columns])]

  static let timelineOptions = [
    OptionSpec("every", .single, .choice(TimeBucket.allCases.map(\.rawValue)), hint: "PERIOD"),
    OptionSpec("span", .single, .choice(["rows", "evidence"]), hint: "rows|evidence"),
  ]

  /// The options of `spc` (and of the `spc NAME COL` verb, which is the same stage).
  static let chartOptions = [
    OptionSpec("chart", .single, .choice(ChartKind.allCases.map(\.rawValue)), hint: "CHART"),
    OptionSpec("subgroup", .single, .column, hint: "COL"), OptionSpec("size", .single, hint: "N"),
    OptionSpec("n", .single, .column, hint: "COL"),
    // The periods a chart groups by are the timeline's: one declaration, `TimeBucket`.
    OptionSpec(
      "by", .single, .choice(TimeBucket.allCases.map(\.rawValue)),
      hint: TimeBucket.usage),
    OptionSpec("stages", .single, .column, hint: "COL"), OptionSpec("split", .list, hint: "DATE..."),
    OptionSpec("baseline", .single, hint: "FROM..TO"),
    OptionSpec("rules", .single, .choice(["we", "nelson"]), hint: "we|nelson|1,2,5"),
  ]

  static let capabilityOptions = [
    OptionSpec("lsl", .single, hint: "X"), OptionSpec("usl", .single, hint: "Y"),
    OptionSpec("target", .single, hint: "T"), OptionSpec("subgroup", .single, .column, hint: "COL"),
    OptionSpec("size", .single, hint: "N"),
  ]

  public static var names: [String] { stages.map(\.name) }
  public static func spec(_ name: String) -> StageSpec? { stages.first { $0.name == name } }
}
