import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `load /somewhere/else.csv` typed in the shell or in batch mode: the file is copied into the
/// notebook's `evidence/` folder and the cell loads the copy, so the folder holds everything its
/// notebook read and can be sent and replayed. Only a command typed now is rewritten: a replayed,
/// verified or exported notebook never copies, and its outside paths stay refused (`PathPolicy`).
struct EvidenceImport {
  let policy: PathPolicy

  struct Adopted {
    /// The command as the cell records it: the copy's path in place of the outside one.
    var source: String
    /// `copied /data/x.csv into evidence/x.csv (sha256 3f2a9c1e77d04b12)`.
    var message: String
    /// The copy's path as the cell names it, and the SHA-256 of its bytes (the load need not hash them again).
    var path: String
    var sha256: String
  }

  /// The command rewritten to load a copy, or nil when it is not a `load` of a file outside the folder.
  func adopt(_ source: String, firstLine: Int) throws(Diagnostic) -> Adopted? {
    guard !policy.allowOutside, source.drop(while: \.isWhitespace).lowercased().hasPrefix("load ") else { return nil }
    guard case .load(let spec)? = try? Parser.parse(source, firstLine: firstLine), spec.sql == nil else { return nil }
    do {
      _ = try policy.resolve(spec.path)
      return nil  // inside: loaded where it is
    } catch {}
    let written = spec.path.value
    let original = written.hasPrefix("/") ? written : Paths.resolve(written, in: policy.folder)
    guard Paths.exists(original) else { return nil }  // the load says it is missing (and refuses it)
    let mapped: MappedFile
    let digest: String
    do throws(EvidenceError) {
      // Hashed from the page cache (a large file) or a chunk at a time as it is read, then written.
      mapped = try MappedFile(path: original, streamed: true, pageCache: true)
      digest = try EvidenceHash.sha256(of: ByteSource(mapped))
    } catch {
      throw .error(
        .evidenceNotCopied, "cannot copy `\(written)` into the notebook's folder: \(error.problem.message)",
        at: spec.path.span,
        notes: [error.hint])
    }
    let base = written.split(separator: "/").last.map(String.init) ?? "evidence"
    let stored = try Self.store(
      mapped.bytes, digest: digest, named: base, in: policy.folder, for: "`\(written)`", at: spec.path.span)
    do throws(EvidenceError) {
      // Changed while it was hashed or copied: the copy may not hold the hashed bytes.
      try mapped.checkIntact()
      try mapped.verifyUnchanged()
    } catch {
      if !stored.reused { unlink(Paths.resolve(stored.path, in: policy.folder)) }
      throw .error(
        .evidenceNotCopied, "cannot copy `\(written)` into the notebook's folder: it \(error.problem.message)",
        at: spec.path.span,
        notes: [error.hint])
    }
    let relative = stored.path
    let reused = stored.reused
    let rewritten = Self.replacing(
      spec.path.span, in: source, firstLine: firstLine, with: Self.quoted(relative),
      appending: spec.name == nil && relative.split(separator: "/").last.map(String.init) != base
        ? " as " + Self.defaultName(base) : "")
    guard let rewritten else { return nil }
    let short = String(digest.prefix(16))
    let message =
      reused
      ? "\(relative) already holds the bytes of \(written) (sha256 \(short)): the notebook loads it"
      : "copied \(written) into \(relative) (sha256 \(short)), so the notebook's folder holds what it read"
    return Adopted(source: rewritten, message: message, path: relative, sha256: digest)
  }

  /// Writes `bytes` into the folder's `evidence/` as `base` (`base-2`, … when a different file holds
  /// the name; never replacing one), or finds the same bytes already there. Returns the relative path.
  static func store(
    _ bytes: UnsafeRawBufferPointer, digest: String, named base: String, in folder: String, for what: String,
    at span: SourceSpan, numbering: (String, Int) -> String = numbered
  ) throws(Diagnostic) -> (path: String, reused: Bool) {
    let evidence = (folder == "." ? "" : folder + "/") + "evidence"
    if !Paths.exists(evidence) && mkdir(evidence, 0o755) != 0 {
      throw .error(.evidenceNotCopied, "cannot make the folder \(evidence) to copy \(what) into", at: span)
    }
    for attempt in 1...99 {
      let name = attempt == 1 ? base : numbering(base, attempt)
      let target = evidence + "/" + name
      if Paths.exists(target) {
        // The same bytes already there: load that file, write nothing.
        if let there = try? MappedFile(path: target, streamed: true, pageCache: true),
          (try? EvidenceHash.sha256(of: ByteSource(there))) == digest
        {
          return ("evidence/" + name, true)
        }
        continue
      }
      do {
        try SafeFile.write(bytes: bytes, to: target, exclusive: true)
      } catch {
        if Paths.exists(target) { continue }  // someone made it meanwhile: never replaced
        throw .error(error.code, error.message, at: span, notes: error.notes)
      }
      return ("evidence/" + name, false)
    }
    throw .error(
      .evidenceNotCopied, "cannot copy \(what): evidence/ already holds 99 different files named like it",
      at: span,
      notes: ["rename the file, or copy it into the notebook's folder yourself"])
  }

  /// `x.csv` → `x`, as `load` names evidence.
  static func defaultName(_ file: String) -> String {
    guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
    return String(file[..<dot])
  }

  /// `x.csv` → `x-2.csv`.
  static func numbered(_ name: String, _ n: Int) -> String {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "\(name)-\(n)" }
    return "\(name[..<dot])-\(n)\(name[dot...])"
  }

  static func quoted(_ path: String) -> String {
    path.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "|" || $0 == "#" })
      ? "\"" + path.map { $0 == "\\" || $0 == "\"" ? "\\\($0)" : String($0) }.joined() + "\"" : path
  }

  /// `source` with the characters of `span` replaced (nil when the span is not on one line).
  static func replacing(
    _ span: SourceSpan, in source: String, firstLine: Int, with text: String, appending tail: String
  ) -> String? {
    guard span.start.line == span.end.line else { return nil }
    var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let index = span.start.line - firstLine
    guard lines.indices.contains(index) else { return nil }
    var chars = Array(lines[index])
    let (start, end) = (span.start.column - 1, span.end.column - 1)
    guard start >= 0, end <= chars.count, start < end else { return nil }
    chars.replaceSubrange(start..<end, with: Array(text))
    lines[index] = String(chars)
    var out = lines.joined(separator: "\n")
    if !tail.isEmpty {
      // After the path's line: `as NAME` anywhere among the options reads the same.
      var last = lines
      last[lines.count - 1] += tail
      out = last.joined(separator: "\n")
    }
    return out
  }
}
