/// `case [NUMBER] [--customer NAME] [--part TEXT] [--complaint ID] [--reported-by NAME] [--site TEXT]`:
/// the case's identity as a customer's 8D form asks for it. Every field is optional; a later
/// `case` changes only the fields it names.
public struct CaseSpec: Hashable, Sendable {
  /// The 8D or report number (`8D-2026-014`).
  public var number: String?
  public var customer: String?
  /// The part or product concerned.
  public var part: String?
  /// The customer's complaint number.
  public var complaint: String?
  /// Who reported the problem.
  public var reportedBy: String?
  /// The plant or site concerned.
  public var site: String?

  public init(
    number: String? = nil, customer: String? = nil, part: String? = nil, complaint: String? = nil,
    reportedBy: String? = nil, site: String? = nil
  ) {
    self.number = number
    self.customer = customer
    self.part = part
    self.complaint = complaint
    self.reportedBy = reportedBy
    self.site = site
  }

  /// The fields this `case` names, as (label, value), in the form's order.
  public var named: [(label: String, value: String)] {
    [
      ("number", number), ("customer", customer), ("part", part), ("complaint", complaint),
      ("reported by", reportedBy), ("site", site),
    ].compactMap { label, value in value.map { (label, $0) } }
  }
}
