import MLSTestSupport
import Testing

@Suite(.enabled(if: TestVectors.shouldRun, "official MLS test vectors not found"))
struct SecretTreeVectorTests {
    @Test func secretTreeVectorsPass() async throws {
        let report = try await TestVectors.run("secret-tree.json")
        #expect(report.failures.map(\.description) == [])
        #expect(report.failed == 0 && report.skipped == 0 && report.passed > 0, "\(report.summaryLine)")
    }
}
