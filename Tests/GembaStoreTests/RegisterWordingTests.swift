import Foundation
import GembaCore
import GembaTestSupport
import Testing

@testable import GembaStore

/// Wording groups (docs/register.md, "Similar wording") are made of the causes not ruled out:
/// a ruled-out cause is not a recurring cause.
@Suite(.serialized) struct RegisterWordingTests {
  var engines: [SQLEngine] { TestPostgres.runs ? [.sqlite, .postgresql] : [.sqlite] }

  @Test func ruledOutCausesMakeNoWordingGroup() throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    // `first` rules out C3 ("new pickers are not trained"); a third notebook later keeps a cause
    // worded the same, and the ruled-out row joins that group.
    try f.notebook("first.md", RegisterFixtures.first)
    try f.notebook("second.md", RegisterFixtures.second)
    for engine in engines {
      let r = try f.register(engine)
      defer { r.drop() }
      try r.index([f.folder.path])
      // Every cause wording grouped is one a cause not ruled out has; every such wording is grouped.
      let orphans = try r.rows(
        """
        SELECT w.category, w.terms FROM wordings w WHERE w.kind = 'cause' AND NOT EXISTS (
          SELECT 1 FROM causes c WHERE c.status <> 'ruled-out' AND c.category = w.category AND c.terms = w.terms)
        """)
      #expect(orphans.isEmpty, "\(engine)")
      let missing = try r.rows(
        """
        SELECT c.category, c.terms FROM causes c WHERE c.status <> 'ruled-out' AND NOT EXISTS (
          SELECT 1 FROM wordings w WHERE w.kind = 'cause' AND w.category = c.category AND w.terms = c.terms)
        """)
      #expect(missing.isEmpty, "\(engine)")
      // The ruled-out cause of the fixture's text is in no group.
      let ruledOut = try r.rows(
        """
        SELECT g.grp FROM cause_groups g JOIN causes c ON c.investigation = g.investigation AND c.cause_id = g.cause_id
        WHERE g.basis = 'wording' AND c.text = 'new pickers are not trained'
        """)
      #expect(ruledOut == [[.text("")]], "\(engine)")
    }
    // Rule the wording in again in another notebook: it is grouped again, and the ruled-out row with it.
    try f.notebook(
      "third.md",
      [
        "@2026-03-10T09:00:00Z title Pickers", "@2026-03-10T09:00:00Z problem Picks go wrong",
        "@2026-03-10T09:00:00Z fishbone \"Picks\" --template 6M",
        "@2026-03-10T09:01:00Z cause Manpower \"new pickers are not trained\"",
      ])
    for engine in engines {
      let r = try f.register(engine)
      defer { r.drop() }
      try r.index([f.folder.path])
      let groups = try r.rows(
        """
        SELECT DISTINCT g.grp FROM cause_groups g JOIN causes c ON c.investigation = g.investigation AND c.cause_id = g.cause_id
        WHERE g.basis = 'wording' AND c.text = 'new pickers are not trained'
        """)
      let expected = try r.rows(
        """
        SELECT 'fishbone:' || w.category || ':' || w.wording_group FROM wordings w
        WHERE w.kind = 'cause' AND w.category = 'Manpower' AND w.terms = (SELECT MIN(terms) FROM causes WHERE text = 'new pickers are not trained')
        """)
      #expect(groups.count == 1 && groups == expected, "\(engine): \(groups) \(expected)")
    }
  }
}
