import Testing

@testable import GembaCore

/// OWASP's rule for CSV cells (finding 11 of issue 24): what a spreadsheet would run is quoted and
/// prefixed with `'`; plain numbers stay numbers; RFC 4180 quoting as before.
@Suite struct CSVFieldTests {
  @Test(arguments: [
    ("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\""),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "\"'@SUM(1+1)*cmd|' /C calc'!A0\""),
    ("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\""),
    ("+1", "+1"), ("-2.5", "-2.5"), ("-1e-9", "-1e-9"), ("+3.", "+3."), ("-.5", "-.5"), ("-1E+300", "-1E+300"),
    ("-", "\"'-\""), ("+", "\"'+\""), ("-e5", "\"'-e5\""), ("-1e", "\"'-1e\""), ("-1.2.3", "\"'-1.2.3\""),
    ("\tTAB", "\"'\tTAB\""), ("\rCR", "\"'\rCR\""), ("=\"x\"", "\"'=\"\"x\"\"\""),
    ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("", ""), (" =x", " =x"),
  ])
  func fields(_ text: String, _ written: String) {
    #expect(CSVField.written(text) == written)
  }
}
