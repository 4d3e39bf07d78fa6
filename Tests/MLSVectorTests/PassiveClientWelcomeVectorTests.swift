import MLSTestSupport
import Testing

@Suite(.enabled(if: TestVectors.shouldRun, "official MLS test vectors not found"))
struct PassiveClientWelcomeVectorTests {
    @Test func passiveClientWelcomeVectorsPass() async throws {
        let report = try await TestVectors.run("passive-client-welcome.json")
        #expect(report.failures.map(\.description) == [])
        #expect(report.failed == 0 && report.skipped == 0 && report.passed > 0, "\(report.summaryLine)")
    }
}
