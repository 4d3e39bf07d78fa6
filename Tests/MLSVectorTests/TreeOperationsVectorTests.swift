import MLSTestSupport
import Testing

@Suite(.enabled(if: TestVectors.shouldRun, "official MLS test vectors not found"))
struct TreeOperationsVectorTests {
    @Test func treeOperationsVectorsPass() async throws {
        let report = try await TestVectors.run("tree-operations.json")
        #expect(report.failures.map(\.description) == [])
        #expect(report.failed == 0 && report.skipped == 0 && report.passed > 0, "\(report.summaryLine)")
    }
}
