import MLSTestSupport
import Testing

@Suite(.enabled(if: TestVectors.shouldRun, "official MLS test vectors not found"))
struct TreeMathVectorTests {
    @Test func treeMathVectorsPass() async throws {
        let report = try await TestVectors.run("tree-math.json")
        #expect(report.failures.map(\.description) == [])
        #expect(report.failed == 0 && report.skipped == 0 && report.passed > 0, "\(report.summaryLine)")
    }
}
