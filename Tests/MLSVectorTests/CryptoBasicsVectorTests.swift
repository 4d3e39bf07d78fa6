import Foundation
import MLS
import MLSTestSupport
import MLSVectors
import Testing

@Suite(.enabled(if: TestVectors.shouldRun, "official MLS test vectors not found"))
struct CryptoBasicsVectorTests {
    @Test func cryptoBasicsVectorsPass() async throws {
        let report = try await TestVectors.run("crypto-basics.json")
        #expect(report.failures.map(\.description) == [])
        #expect(report.failed == 0 && report.skipped == 0 && report.passed > 0, "\(report.summaryLine)")
    }

    /// Each checked field, changed in every case, must fail every case: the runner really compares it.
    @Test(arguments: [
        ("ref_hash", "out"),
        ("expand_with_label", "out"),
        ("derive_secret", "out"),
        ("derive_tree_secret", "out"),
        ("sign_with_label", "signature"),
        ("sign_with_label", "pub"),
        ("encrypt_with_label", "ciphertext"),
        ("encrypt_with_label", "kem_output"),
        ("encrypt_with_label", "plaintext"),
    ])
    func changedFieldFailsEveryCase(section: String, field: String) async throws {
        var cases = try Self.officialCases()
        for index in cases.indices {
            var object = try #require(cases[index][section] as? [String: Any])
            let hex = try #require(object[field] as? String)
            // Flip the low bit of the last byte.
            let last = try #require(UInt8(hex.suffix(2), radix: 16))
            object[field] = hex.dropLast(2) + String(format: "%02x", last ^ 1)
            cases[index][section] = object
        }
        let report = try await Self.run(cases)
        #expect(report.passed == 0 && report.failed == cases.count, "\(report.summaryLine)")
    }

    @Test func unimplementedSuiteFailsInsteadOfSkipping() async throws {
        var cases = try Self.officialCases()
        cases = [cases[0]]
        cases[0]["cipher_suite"] = 0x0A0A
        let report = try await Self.run(cases)
        #expect(report.failed == 1 && report.skipped == 0, "\(report.summaryLine)")
    }

    private static func officialCases() throws -> [[String: Any]] {
        let directory = try #require(TestVectors.directory)
        let data = try Data(contentsOf: directory.appendingPathComponent("crypto-basics.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    private static func run(_ cases: [[String: Any]]) async throws -> VectorReport {
        let data = try JSONSerialization.data(withJSONObject: cases)
        return await VectorSuite.run(kind: .cryptoBasics, name: "crypto-basics", data: data, crypto: DefaultCryptoProvider())
    }
}
