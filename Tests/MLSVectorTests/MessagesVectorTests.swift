import MLSTestSupport
import Testing

@Suite(.enabled(if: TestVectors.shouldRun, "official MLS test vectors not found"))
struct MessagesVectorTests {
    @Test func messagesVectorsPass() async throws {
        let report = try await TestVectors.run("messages.json")
        #expect(report.failures.map(\.description) == [])
        #expect(report.failed == 0 && report.skipped == 0 && report.passed > 0, "\(report.summaryLine)")
    }
}
