import Testing
@testable import GembaStore

@Suite struct SQLValueTests {
  @Test func errorsNameTheirDatabase() {
    let error = SQLError(.connect, "could not connect to server", database: "postgresql://qa@db.example/capa")
    #expect(error.description == "postgresql://qa@db.example/capa: could not connect to server")
  }
}
