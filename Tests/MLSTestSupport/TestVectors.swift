import Foundation
import MLS
import MLSVectors

/// Locates the official MLS test vectors: `$MLS_TEST_VECTORS`, else `../shared/mls-test-vectors`
/// beside the package root.
public enum TestVectors {
    /// The vector directory, or nil when it does not exist.
    public static let directory: URL? = {
        let environment = ProcessInfo.processInfo.environment
        let candidate: URL
        if let explicit = environment["MLS_TEST_VECTORS"], !explicit.isEmpty {
            candidate = URL(fileURLWithPath: explicit)
        } else {
            // Tests/MLSTestSupport/TestVectors.swift → package root → ../shared/mls-test-vectors
            candidate = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
                .appendingPathComponent("shared/mls-test-vectors")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { return nil }
        return candidate
    }()

    /// Whether the run is under CI, where missing vectors are a failure, not a skip.
    public static let isCI: Bool = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether vector tests should run: always under CI (so that missing vectors fail),
    /// otherwise only when the vectors exist. Prints a loud warning when they are missing.
    public static var shouldRun: Bool {
        if directory == nil {
            let message = """
                ******************************************************************
                * MLS test vectors not found: set MLS_TEST_VECTORS or provide    *
                * ../shared/mls-test-vectors. Vector tests are \(isCI ? "FAILING (CI=true)" : "SKIPPED").  *
                ******************************************************************
                """
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        return directory != nil || isCI
    }

    /// Runs one official file through the same runner as `mlsgate vectors`.
    public static func run(_ fileName: String) async throws -> VectorReport {
        guard let directory else { throw MissingVectors(fileName: fileName) }
        let path = directory.appendingPathComponent(fileName).path
        return await VectorSuite.run(fileAt: path, crypto: DefaultCryptoProvider())
    }

    public struct MissingVectors: Error, CustomStringConvertible {
        public var fileName: String
        public var description: String { "MLS test vectors not found (\(fileName)); set MLS_TEST_VECTORS" }
    }
}
