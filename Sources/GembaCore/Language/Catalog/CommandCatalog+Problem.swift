/// The verbs of problem and process: what each takes, its help, and how its arguments become a `Command`.
extension CommandCatalog {
  static let problemVerbs: [VerbSpec] = [
    VerbSpec(
      name: "title", group: .problem, usage: "title TEXT", summary: "Name the investigation.",
      example: "title Refund answers differ between agents", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .title(try a.takeText("a title"))
      }),
    VerbSpec(
      name: "problem", group: .problem, usage: "problem TEXT [--expected TEXT] [--actual TEXT]",
      summary: "State the quality gap: what the customer expects and what actually happens.",
      example:
        "problem Customers get different refund answers --expected one correct answer --actual 3 answers in 40 tickets",
      options: [OptionSpec("expected", .text, hint: "TEXT"), OptionSpec("actual", .text, hint: "TEXT")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .problem(
          text: try a.takeText("the problem statement"), expected: a.text("expected"), actual: a.text("actual"))
      }),
    VerbSpec(
      name: "process", group: .problem, usage: "process [NAME STEP...]",
      summary: "Define the process and its steps S1..Sn in order; with no arguments, show it as a flow.",
      example: "process \"Refund request\" intake \"policy lookup\" reply close", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        guard a.hasPositionals else { return .showProcess }
        let name = try a.take("a process name").text
        var steps: [String] = []
        while a.hasPositionals { steps.append(try a.take("a step").text) }
        guard !steps.isEmpty else { throw a.missing("at least one step after the process name") }
        return .defineProcess(name: name, steps: steps)
      }),
    VerbSpec(
      name: "step", group: .problem, usage: "step TEXT [--after Sx] [--owner TEXT]",
      summary: "Add a process step (at the end, or after Sx).",
      example: "step \"check macro version\" --after S2 --owner \"Support lead\"",
      options: [OptionSpec("after", .single, .id(.step), hint: "Sx"), OptionSpec("owner", .text, hint: "TEXT")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let after = try a.single("after").map { token throws(Diagnostic) in
          try Arguments.id(token, [.step], "a step id like S2")
        }
        return .addStep(text: try a.takeText("the step's text"), after: after, owner: a.text("owner"))
      }),
  ]
}
