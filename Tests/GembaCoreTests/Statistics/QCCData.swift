import Foundation

/// The data sets of the R package qcc (3.0) in ../shared/conformance/qcc-data/: whitespace-
/// separated text with a header row.
struct QCCData {
  static let folder = "conformance/qcc-data/"
  static var available: Bool { FileManager.default.fileExists(atPath: sharedPath(folder + "pistonrings.txt")) }

  var columns: [String: [String]] = [:]

  init(_ name: String) throws {
    let text = try String(contentsOfFile: sharedPath(Self.folder + name + ".txt"), encoding: .utf8)
    let lines = text.split(whereSeparator: \.isNewline).map {
      $0.split(whereSeparator: \.isWhitespace).map(String.init)
    }
    .filter { !$0.isEmpty }
    let header = lines[0]
    for (j, name) in header.enumerated() { columns[name] = lines.dropFirst().map { $0[j] } }
  }

  func numbers(_ column: String) -> [Double] { columns[column]!.map { Double($0)! } }
  func integers(_ column: String) -> [Int] { columns[column]!.map { Int($0)! } }
  func flags(_ column: String) -> [Bool] { columns[column]!.map { $0 == "TRUE" } }

  /// Piston-ring diameters grouped by sample (40 samples of 5).
  static func pistonRings() throws -> [[Double]] {
    let data = try QCCData("pistonrings")
    var groups: [Int: [Double]] = [:]
    for (d, s) in zip(data.numbers("diameter"), data.integers("sample")) { groups[s, default: []].append(d) }
    return groups.keys.sorted().map { groups[$0]! }
  }
}
