public struct IpynbRecordRenderer: RecordRenderer {
  public init() {}
  public func render(_ record: Record) -> String { "" }
}
