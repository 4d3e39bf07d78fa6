import ArgumentParser
import Foundation
import MLSBench

/// `mlsgate bench`: measures key MLS operations and compares each with its cryptographic floor.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure MLS operations (suite 1) and their cryptographic floors.",
        discussion: """
            Prints `NAME<TAB>VALUE<TAB>UNIT<TAB>FLOOR`, one line per figure: keypackage_gen (us), \
            then for each group size N add_{N-1}_members_commit, join_welcome_nN, commit_create_nN, \
            commit_process_nN (ms), app_encrypt_nN and app_decrypt_nN (us). The floor is the cost of \
            the signatures, HPKE and AEAD operations the figure cannot avoid, at the primitive costs \
            measured first (printed as `# primitive_*` lines). Lines starting with `#` are comments. \
            Build with -c release for meaningful numbers. Progress goes to standard error.
            """
    )

    @Option(help: "Comma-separated group sizes (each at least 2).")
    var sizes: String = BenchRunner.defaultSizes.map(String.init).joined(separator: ",")

    @Option(help: "Measure every figure this many times instead of the per-figure defaults.")
    var iterations: Int?

    @Flag(help: "Print the report as JSON instead of lines.")
    var json = false

    func run() async throws {
        let parsed = try Self.parseSizes(sizes)
        if let iterations, iterations < 1 { throw ValidationError("--iterations must be at least 1") }
        let runner = BenchRunner(sizes: parsed, iterations: iterations) { line in
            FileHandle.standardError.write(Data("bench: \(line)\n".utf8))
        }
        let report = try await runner.run()
        print(json ? try report.json() : report.tsv)
    }

    static func parseSizes(_ text: String) throws -> [Int] {
        let values = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let sizes = values.compactMap { Int($0) }
        guard !sizes.isEmpty, sizes.count == values.count, sizes.allSatisfy({ $0 >= 2 }) else {
            throw ValidationError("--sizes takes comma-separated integers of at least 2, e.g. 10,100")
        }
        return sizes
    }
}
