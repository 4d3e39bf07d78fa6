import MLSTestSupport
import Testing

@Suite(.enabled(if: TestVectors.shouldRun, "official MLS test vectors not found"))
struct KeyScheduleVectorTests {
    @Test func keyScheduleVectorsPassForEveryClaimedSuite() async throws {
        let report = try await TestVectors.run("key-schedule.json")
        #expect(report.failuresOnClaimedSuites.map(\.description) == [])
        #expect(report.skipped == 0 && report.passed > 0, "\(report.summaryLine)")
    }
}
