/// The words the detector knows. Only closed classes and the roles people hold at work are
/// listed; everything else (a screen, a form, a schedule) is a thing by default, so a new
/// noun never turns a systemic statement into blame.
extension BlameDetector {
  /// Roles and words for people, singular (plurals are derived: `operators`, `nurses`).
  static let roles: Set<String> = [
    "operator", "agent", "staff", "staffer", "employee", "technician", "tech", "dispatcher", "nurse", "engineer",
    "driver", "user", "rep", "representative", "worker", "person", "people", "individual", "human", "team", "teammate",
    "colleague", "crew", "shift", "personnel", "member", "picker", "packer", "clerk", "supervisor", "manager", "lead",
    "foreman", "pharmacist", "doctor", "physician", "surgeon", "midwife", "paramedic", "anaesthetist", "anesthetist",
    "resident", "intern", "therapist", "radiographer", "phlebotomist", "porter", "receptionist", "cleaner", "inspector",
    "sysadmin", "admin", "administrator", "developer", "dev", "programmer", "tester", "analyst", "planner", "buyer",
    "associate", "cashier", "hire", "trainee", "apprentice", "newcomer", "fitter", "welder", "machinist", "assembler",
    "mechanic", "electrician", "courier", "handler", "loader", "storeman", "storekeeper", "controller", "coordinator",
    "scheduler", "customer", "patient", "client", "contractor", "temp", "pilot", "officer", "guard", "accountant",
    "secretary", "volunteer", "student", "teacher", "chef", "cook", "caregiver", "carer", "librarian", "dba", "sre",
  ]

  /// Software and systems that stand as the subject of a failing in root-cause statements
  /// ("Jira did not send the reminder"): capitalised, but never a person. An investigation adds
  /// its own (steps, evidence, standards) through `find(in:things:)`.
  static let tools: Set<String> = [
    "jira", "confluence", "servicenow", "zendesk", "salesforce", "hubspot", "sap", "oracle", "excel", "outlook",
    "teams", "slack", "gmail", "sharepoint", "workday", "netsuite", "dynamics", "freshdesk", "intercom", "github",
    "gitlab", "jenkins", "kubernetes", "windows", "linux", "android", "ios", "shopify", "magento", "stripe",
    "quickbooks", "xero", "tableau", "powerbi", "trello", "asana", "monday", "notion", "pagerduty", "opsgenie",
    "grafana", "datadog", "splunk", "okta", "docusign", "kronos", "epic", "cerner", "zoom", "webex",
  ]

  static let irregularPlurals: [String: String] = ["men": "man", "women": "woman", "folks": "person", "staff": "staff"]

  /// Pronouns that stand for people. `it`, `this` and `there` are things; `nobody` is
  /// the absence of a role, which is a process gap (see `absent`).
  static let personPronouns: Set<String> = [
    "he", "she", "they", "we", "i", "you", "someone", "somebody", "anyone", "anybody", "everyone", "everybody",
  ]

  /// Subjects that say no one was there to do it: "nobody owns the policy" is about the process.
  static let absent: Set<String> = ["nobody", "noone", "nothing", "none", "no"]

  /// Words that open a noun phrase and say nothing about what it is.
  static let determiners: Set<String> = [
    "the", "a", "an", "our", "their", "his", "her", "my", "your", "this", "that", "these", "those", "some", "any",
    "every", "each", "all", "both", "several", "many", "most",
  ]

  /// Words that end a noun phrase's head: `Maria from billing`, `the nurse on the ward`.
  static let prepositions: Set<String> = [
    "of", "from", "in", "on", "at", "for", "with", "by", "to", "during", "under", "over", "near", "among", "within",
    "without", "about", "after", "before", "into", "onto", "across", "between", "per",
  ]

  /// Words that can open a clause before its subject and say nothing about who did it.
  static let openers: Set<String> = [
    "then", "also", "and", "or", "just", "simply", "still", "again", "often", "sometimes", "always", "usually",
    "when", "if", "once", "until", "unless", "after", "before", "meanwhile", "instead", "thus", "hence",
  ]

  /// Auxiliaries and the verbs most root-cause statements are built on; with the `-ed`
  /// rule in `isVerb` they end a subject (`The form lets the operator …` → `The form`).
  static let verbs: Set<String> = [
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "can", "could",
    "will", "would", "shall", "should", "may", "might", "must", "not", "never", "lets", "let", "allows", "makes",
    "made", "make", "forces", "requires", "prompts", "asks", "tells", "told", "gives", "gave", "give", "shows",
    "shown", "leaves", "left", "expects", "means", "causes", "leads", "led", "sends", "sent", "puts", "put", "assigns",
    "routes", "sorts", "hides", "needs", "gets", "got", "uses", "goes", "went", "sits", "sit", "lives", "prints",
    "skips", "covers", "includes", "exists", "lack", "lacks", "reads", "says", "accepts", "took", "takes", "keeps",
    "kept", "chose", "picks", "get", "go", "come", "came", "ran", "runs",
  ]

  /// Verbs whose subject is on the receiving end: "the driver did not receive the route".
  static let receivingVerbs: Set<String> = ["receive", "get", "have", "know", "hear", "need", "exist", "see"]

  /// Verbs that report someone else's judgement: a clause built on one, set against a contrast
  /// ("the review blamed the operator, but …"), quotes the blame rather than making it.
  static let reporting: Set<String> = [
    "blamed", "blames", "blame", "attributed", "put", "recorded", "logged", "classed", "classified", "labelled",
    "labeled", "coded", "filed", "called", "said", "says", "claimed", "claims", "assumed", "concluded", "concludes",
    "believed", "thought", "suspected", "alleged", "accused", "cited",
  ]
  static let contrasts: Set<String> = ["but", "however", "yet", "although", "though", "whereas"]

  /// What a person is said to be when they are blamed: `was careless`, `were complacent`.
  static let traits: Set<String> = [
    "careless", "inattentive", "distracted", "lazy", "complacent", "negligent", "sloppy", "forgetful", "reckless",
    "incompetent", "unqualified", "untrained", "inexperienced", "hasty", "unfocused", "unmotivated",
  ]
  /// What a person is said not to be: `was not careful`, `not paying attention`.
  static let virtues: Set<String> = [
    "careful", "attentive", "paying", "focused", "concentrating", "vigilant", "diligent", "thorough", "alert",
    "trained", "qualified", "competent", "cautious",
  ]
  /// Adjectives that blame wherever they stand: `careless data entry`.
  static let blamingAdjectives: Set<String> = [
    "careless", "negligent", "sloppy", "inattentive", "lazy", "reckless", "complacent", "incompetent",
  ]
  /// Nouns for a person's failing: `carelessness of the picker`, `complacency among the crew`.
  static let failingNouns: Set<String> = [
    "carelessness", "negligence", "inattention", "inattentiveness", "complacency", "laziness", "sloppiness",
    "incompetence", "forgetfulness", "recklessness",
  ]
  /// Nouns for one slip: `mistake by the clerk`, `Maria's error`.
  static let slipNouns: Set<String> = [
    "mistake", "mistakes", "error", "errors", "oversight", "slip", "slips", "lapse", "lapses", "fault", "failure",
  ]
  /// What someone lacks when the statement blames them for lacking it.
  static let personalQualities: Set<String> = [
    "attention", "care", "focus", "concentration", "diligence", "vigilance", "discipline",
  ]
  /// … and what they lack when the blame needs a person named beside it (`staff lack of training`).
  static let competences: Set<String> = [
    "training", "experience", "skill", "skills", "knowledge", "competence", "competency",
  ]
  /// Nouns that make `training` a thing (`training material`, `training schedule`).
  static let competenceThings: Set<String> = [
    "material", "materials", "record", "records", "plan", "plans", "schedule", "budget", "programme", "program",
    "module",
    "modules", "content", "course", "courses", "slot", "slots", "time", "documentation", "matrix", "system", "session",
    "sessions", "room", "data", "video", "videos", "deck", "guide", "manual",
  ]
  /// Words before a competence that say it is missing.
  static let shortfalls: Set<String> = [
    "lack", "lacking", "insufficient", "inadequate", "poor", "limited", "no", "missing",
  ]

  /// Verbs for a person's slip (finite forms); `mis…ed` verbs are recognised by shape.
  static let slipVerbs: Set<String> = [
    "forgot", "forgets", "forget", "neglected", "neglects", "omitted", "omits", "overlooked", "overlooks", "ignored",
    "ignores", "skipped", "skips", "missed", "bypassed", "disregarded", "violated", "rushed", "confused", "misread",
    "misreads", "misunderstood", "misunderstands", "misheard", "mistook",
  ]
  /// What a person is said to do without (`closed the ticket without reading`).
  static let checkingVerbs: Set<String> = [
    "checking", "verifying", "reading", "confirming", "reviewing", "looking", "asking", "scanning", "testing",
    "inspecting", "double-checking", "consulting", "following", "counting",
  ]
}
