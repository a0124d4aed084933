public enum FishboneTemplate: String, CaseIterable, Sendable, Codable {
  case sixM = "6M", eightP = "8P", fourS = "4S", none

  /// The bones a template starts with.
  public var categories: [String] {
    switch self {
    case .sixM: ["Manpower", "Method", "Machine", "Material", "Measurement", "Environment"]
    case .eightP:
      ["Product", "Price", "Place", "Promotion", "People", "Process", "Physical evidence", "Productivity"]
    case .fourS: ["Surroundings", "Suppliers", "Systems", "Skills"]
    case .none: []
    }
  }
}
