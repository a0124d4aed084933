public struct DotRecordRenderer: RecordRenderer {
  public init() {}
  public func render(_ record: Record) -> String { "" }
}
