// Spaces and tabs only: a notebook line, a cell and a citation trim the same way on every platform.
extension String {
  /// Most lines have nothing to trim: those are returned as they are, not copied.
  func trimmingSpaces() -> String {
    guard let first = utf8.first, let last = utf8.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
    else {
      return self
    }
    return self[...].trimmingSpaces()
  }
}

extension StringProtocol {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
  }
}
