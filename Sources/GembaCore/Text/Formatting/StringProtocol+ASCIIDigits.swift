/// Digit checks shared by evidence references and the language's dates and ids (evidence is the
/// lower layer, so it lives here).
extension StringProtocol {
  /// One or more of 0-9 and nothing else (`Int("+1")` alone would accept a sign).
  var isASCIIDigits: Bool { !isEmpty && allSatisfy { $0.isASCII && $0.isNumber } }
}
