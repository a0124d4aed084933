/// The notebook's chain and its evidence files as the edge checked them: what the shell's
/// banner, `status` and every export's integrity line state, so drift is seen where a
/// person decides, not only in `gemba replay`.
public struct IntegrityState: Sendable, Equatable {
  public var chain: Verification.Result
  public var evidence: [EvidenceState]

  public init(chain: Verification.Result, evidence: [EvidenceState]) {
    self.chain = chain
    self.evidence = evidence
  }

  public var chainVerified: Bool { if case .verified = chain { true } else { false } }
  public var changed: [EvidenceState] { evidence.filter { if case .changed = $0.condition { true } else { false } } }
  public var missing: [EvidenceState] { evidence.filter { if case .missing = $0.condition { true } else { false } } }
  /// True when the chain holds and every evidence file is as the notebook loaded it.
  public var isClean: Bool { chainVerified && changed.isEmpty && missing.isEmpty }

  /// `chain verified (78 cells); 1 of 2 evidence files changed since cited: evidence/tickets.csv`
  public var summary: String {
    var parts: [String] = []
    switch chain {
    case .verified(let cells): parts.append("chain verified (\(cells) cell\(cells == 1 ? "" : "s"))")
    case .failed(let message, let line): parts.append("chain NOT verified at notebook line \(line): \(message)")
    }
    let total = evidence.count
    if total == 0 {
      parts.append("no evidence loaded")
    } else if changed.isEmpty && missing.isEmpty {
      parts.append(total == 1 ? "the evidence file is as loaded" : "all \(total) evidence files are as loaded")
    } else {
      if !changed.isEmpty {
        parts.append(
          "\(changed.count) of \(total) evidence file\(total == 1 ? "" : "s") changed since cited: "
            + changed.map(\.path).joined(separator: ", "))
      }
      if !missing.isEmpty {
        parts.append(
          "\(missing.count) of \(total) evidence file\(total == 1 ? "" : "s") missing: "
            + missing.map(\.path).joined(separator: ", "))
      }
    }
    return parts.joined(separator: "; ")
  }

  /// What to tell the user after the summary when something moved.
  public var advice: [String] {
    guard !(changed.isEmpty && missing.isEmpty) else { return [] }
    var notes = ["citations keep what was seen when they were made; the record shows them as stored"]
    for state in changed {
      notes.append(
        "\(state.path) differs from what cell \(state.cell) loaded (sha256 \(state.sha256.prefix(16)) → \(state.nowSHA256?.prefix(16) ?? "?"))"
      )
    }
    for state in missing {
      if case .missing(let reason) = state.condition {
        notes.append("\(state.path) (loaded in cell \(state.cell)): \(reason)")
      }
    }
    notes.append("`gemba replay NOTEBOOK` shows which conclusions moved")
    return notes
  }
}

/// One evidence file the notebook loaded, checked against the digest its `load` cell stored.
public struct EvidenceState: Sendable, Equatable {
  public enum Condition: Sendable, Equatable {
    case asLoaded
    case changed(sha256: String)
    case missing(String)
  }
  public var name: String
  public var path: String
  /// The digest stored when it was loaded.
  public var sha256: String
  /// The `load` cell.
  public var cell: Int
  public var condition: Condition

  public init(name: String, path: String, sha256: String, cell: Int, condition: Condition) {
    self.name = name
    self.path = path
    self.sha256 = sha256
    self.cell = cell
    self.condition = condition
  }

  public var nowSHA256: String? { if case .changed(let s) = condition { s } else { nil } }

  /// Each file the investigation loaded (its latest load), checked with `hash`, which returns
  /// the file's SHA-256 now or throws why it cannot be read. Files are hashed once each.
  public static func check(_ records: [EvidenceRecord], hash: (String) throws(Diagnostic) -> String) -> [EvidenceState]
  {
    var latest: [String: EvidenceRecord] = [:]
    var order: [String] = []
    for record in records {
      if latest[record.path] == nil { order.append(record.path) }
      latest[record.path] = record
    }
    return order.compactMap { latest[$0] }.map { (record: EvidenceRecord) -> EvidenceState in
      let condition: Condition
      do throws(Diagnostic) {
        let now = try hash(record.path)
        condition = now.hasPrefix(record.sha256) || record.sha256.hasPrefix(now) ? .asLoaded : .changed(sha256: now)
      } catch {
        condition = .missing(error.message)
      }
      return EvidenceState(
        name: record.name, path: record.path, sha256: record.sha256, cell: record.cell, condition: condition)
    }
  }
}
