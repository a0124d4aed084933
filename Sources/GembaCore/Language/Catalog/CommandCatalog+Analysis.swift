/// The verbs of five whys and fishbone: what each takes, its help, and how its arguments become a `Command`.
extension CommandCatalog {
  static let analysisVerbs: [VerbSpec] = [
    VerbSpec(
      name: "why", group: .analysis, usage: "why [ID] TEXT",
      summary:
        "Start a five-whys tree (W1), or answer \"why?\" under ID (W1.1); under an escape point E1, why it escaped (E1.1). A node may have several children.",
      example: "why W1 \"the macro still says 30 days\"", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        var parent: Located<ItemID>?
        if let first = a.positionals.first, first.kind == .word, let problem = ItemID.problem(with: first.text) {
          throw .error(
            .invalidID, problem, at: first.span,
            notes: ["to start a tree whose text begins with `\(first.text)`, quote it"])
        }
        if a.positionals.count == 1, let only = a.positionals.first, only.kind == .word, let id = ItemID(only.text),
          id.kind == .why || id.kind == .escape
        {
          throw .error(
            .missingArgument, "`why \(id)` needs the answer: why \(id) TEXT",
            at: SourceSpan(at: only.span.end),
            notes: ["to start a tree whose text is \"\(id)\", quote it: why \"\(id)\""])
        }
        if a.positionals.count > 1, let first = a.positionals.first, first.kind == .word, let id = ItemID(first.text) {
          guard id.kind == .why || id.kind == .escape else {
            throw .error(
              .invalidID, "`why` answers under a why id like W1, not \(id)", at: first.span,
              notes: ["to start a new tree, quote the text: why \"\(first.text) …\""])
          }
          parent = try a.takeID([.why, .escape], "a why id")
        }
        return .why(parent: parent, text: try a.takeText("the answer to \"why?\""))
      }),
    VerbSpec(
      name: "whys", group: .analysis, usage: "whys", summary: "Show every five-whys tree.", example: "whys",
      options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .showWhys
      }),
    VerbSpec(
      name: "fishbone", group: .analysis, usage: "fishbone [EFFECT] [--template 6M|8P|4S|none]",
      summary: "Set the effect and the bones of the fishbone; with no arguments, show the diagram.",
      example: "fishbone \"Inconsistent refund answers\" --template 8P",
      options: [
        OptionSpec("template", .single, .choice(FishboneTemplate.allCases.map(\.rawValue)), hint: "6M|8P|4S|none")
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let templateToken = a.single("template")
        var template = FishboneTemplate.none
        if let templateToken {
          guard
            let t = FishboneTemplate.allCases.first(where: {
              $0.rawValue.lowercased() == templateToken.text.lowercased()
            })
          else {
            throw Parser.choiceError(templateToken, "template", FishboneTemplate.allCases.map(\.rawValue))
          }
          template = t
        }
        guard a.hasPositionals else {
          if let templateToken {
            throw .error(
              .missingArgument, "`fishbone --template` needs the effect too", at: templateToken.span,
              notes: ["example: \(a.spec.example)"])
          }
          return .showFishbone
        }
        return .defineFishbone(effect: try a.takeText("the effect"), template: template)
      }),
    VerbSpec(
      name: "category", group: .analysis, usage: "category NAME", summary: "Add a bone to the fishbone.",
      example: "category Systems", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .addCategory(try a.takeText("a category name"))
      }),
    VerbSpec(
      name: "cause", group: .analysis, usage: "cause CATEGORY|ID TEXT",
      summary: "Put a cause on a bone (C1), or a sub-cause under a cause (C1.1).",
      example: "cause Process \"policy lives in three places\"", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let head = try a.take("a category name or cause id")
        if head.kind == .word, let problem = ItemID.problem(with: head.text) {
          throw .error(
            .invalidID, problem, at: head.span,
            notes: ["put a cause on a bone by its name, or under a cause by its id (C1)"])
        }
        let parent: CauseParent
        if head.kind == .word, let id = ItemID(head.text), id.kind == .cause {
          parent = .cause(Located(id, at: head.span))
        } else {
          parent = .category(Located(head.text, at: head.span))
        }
        return .addCause(parent: parent, text: try a.takeText("the cause"))
      }),
  ]
}
