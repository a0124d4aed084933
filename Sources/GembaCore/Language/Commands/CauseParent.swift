public enum CauseParent: Hashable, Sendable {
  /// A bone of the fishbone, by name (`Method`).
  case category(Located<String>)
  /// Another cause, making this one a sub-cause (`C1` → `C1.1`).
  case cause(Located<ItemID>)
}
