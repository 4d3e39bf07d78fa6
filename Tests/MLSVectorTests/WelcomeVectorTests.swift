import MLSTestSupport
import Testing

@Suite(.enabled(if: TestVectors.shouldRun, "official MLS test vectors not found"))
struct WelcomeVectorTests {
    @Test func welcomeVectorsPassForEveryClaimedSuite() async throws {
        let report = try await TestVectors.run("welcome.json")
        #expect(report.failuresOnClaimedSuites.map(\.description) == [])
        #expect(report.failed == 0 && report.skipped == 0 && report.passed > 0, "\(report.summaryLine)")
    }
}
