import ArgumentParser
import Foundation
import MLS
import MLSVectors

/// `mlsgate vectors`: runs official MLS test-vector files and reports per file.
struct VectorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Run official MLS interoperability test vectors.",
        discussion: """
            Each file is recognized by its name (tree-math.json, passive-client-*.json, …) unless \
            --kind is given. With no file, every .json file of $MLS_TEST_VECTORS (or \
            ../shared/mls-test-vectors) is run. Prints `NAME: N passed, M failed, K skipped` per \
            file, then `N passed, M failed`; exits non-zero when anything failed.
            """
    )

    @Option(help: "Treat every file as this kind: \(VectorKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String?

    @Flag(help: "Print every failed case, not only the first ten per file.")
    var verbose = false

    @Argument(help: "Vector files (JSON).")
    var files: [String] = []

    func run() async throws {
        var chosenKind: VectorKind?
        if let kind {
            guard let parsed = VectorKind(rawValue: kind) else {
                throw ValidationError("unknown kind '\(kind)'")
            }
            chosenKind = parsed
        }
        let paths = files.isEmpty ? try Self.defaultFiles() : files
        let crypto = DefaultCryptoProvider()
        var passed = 0
        var failed = 0
        for path in paths {
            let report = await VectorSuite.run(fileAt: path, kind: chosenKind, crypto: crypto)
            let shown = verbose ? report.failures : Array(report.failures.prefix(10))
            for failure in shown {
                print("  \(report.name) \(failure)")
            }
            if shown.count < report.failures.count {
                print("  \(report.name): \(report.failures.count - shown.count) more failures (--verbose shows all)")
            }
            for reason in report.skipReasons {
                print("  \(report.name) skipped: \(reason)")
            }
            print(report.summaryLine)
            passed += report.passed
            failed += report.failed
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode.failure }
    }

    private static func defaultFiles() throws -> [String] {
        let directory = ProcessInfo.processInfo.environment["MLS_TEST_VECTORS"] ?? "../shared/mls-test-vectors"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory + "/" + $0 }
    }
}
