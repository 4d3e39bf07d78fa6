import MLSBench
import Testing

/// The benchmark's code path at the smallest size: every required figure is produced. Timing is
/// not checked here; performance goals live in `mlsgate bench`.
struct BenchSmokeTests {
    @Test func everyFigureAtSizeTen() async throws {
        let report = try await BenchRunner(sizes: [10], iterations: 1).run()
        let expected = [
            "keypackage_gen", "add_9_members_commit", "join_welcome_n10", "commit_create_n10", "commit_process_n10",
            "app_encrypt_n10", "app_decrypt_n10",
        ]
        #expect(report.figures.map(\.name) == expected)
        for figure in report.figures {
            #expect(figure.value > 0, "\(figure.name)")
            #expect(figure.floor > 0, "\(figure.name)")
            #expect(figure.repetitions == 1, "\(figure.name)")
        }
        for (name, seconds) in report.primitives.named {
            #expect(seconds > 0, "\(name)")
        }
    }

    /// The floor of a path commit counts what the commit sent: in this scenario only the creator
    /// commits, so it encrypts to all other leaves.
    @Test func pathCommitFloorCountsEveryOtherLeaf() async throws {
        let report = try await BenchRunner(sizes: [10], iterations: 1).run()
        let create = try #require(report.figures.first { $0.name == "commit_create_n10" })
        #expect(create.operations.hpkeSeal == 9)
        #expect(create.operations.hpkeDerive == 1 + 4)
        let process = try #require(report.figures.first { $0.name == "commit_process_n10" })
        #expect(process.operations.hpkeDerive == 4)
        #expect(process.operations.hpkeOpen == 1)
    }

    @Test func reportLinesHaveFourFields() async throws {
        let report = try await BenchRunner(sizes: [2], iterations: 1).run()
        let lines = report.tsv.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == 7)
        for line in lines {
            #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == 4, "\(line)")
        }
    }
}
