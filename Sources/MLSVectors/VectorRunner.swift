import Foundation
import MLS

/// Runs the cases of one kind of vector file.
///
/// Each conforming type documents, in its doc comment, the verification steps of its
/// format (from the test-vector README) and performs each of them.
public protocol VectorRunner {
    associatedtype Case: Decodable

    /// Checks one case. Throws (ideally a `VectorMismatch` with the JSON path) on any failure.
    static func verify(_ testCase: Case, crypto: any CryptoProvider) async throws -> VectorOutcome
}

extension VectorRunner {
    /// Decodes the file as an array of cases and verifies each.
    static func run(name: String, data: Data, crypto: any CryptoProvider) async -> VectorReport {
        var report = VectorReport(name: name)
        let cases: [Case]
        do {
            cases = try JSONDecoder().decode([Case].self, from: data)
        } catch {
            report.failed = 1
            report.failures.append(VectorFailure(caseIndex: nil, message: "file does not parse: \(error)"))
            return report
        }
        for (index, testCase) in cases.enumerated() {
            do {
                switch try await verify(testCase, crypto: crypto) {
                case .passed:
                    report.passed += 1
                case .skipped(let reason):
                    report.skipped += 1
                    if !report.skipReasons.contains(reason) { report.skipReasons.append(reason) }
                }
            } catch {
                report.failed += 1
                report.failures.append(VectorFailure(caseIndex: index, message: "\(error)"))
            }
        }
        return report
    }
}

/// A decodable that accepts any JSON value, used to count the cases of a file.
private struct AnyCase: Decodable {
    init(from decoder: any Decoder) throws {}
}

/// Runs vector files of any kind, dispatching to the runner for the kind.
public enum VectorSuite {
    /// Runs one file's contents as the given kind.
    public static func run(
        kind: VectorKind,
        name: String,
        data: Data,
        crypto: any CryptoProvider
    ) async -> VectorReport {
        switch kind {
        case .treeMath:
            return await TreeMathRunner.run(name: name, data: data, crypto: crypto)
        case .deserialization:
            return await DeserializationRunner.run(name: name, data: data, crypto: crypto)
        case .secretTree:
            return await SecretTreeRunner.run(name: name, data: data, crypto: crypto)
        case .cryptoBasics:
            return await CryptoBasicsRunner.run(name: name, data: data, crypto: crypto)
        case .keySchedule:
            return await KeyScheduleRunner.run(name: name, data: data, crypto: crypto)
        case .pskSecret:
            return await PskSecretRunner.run(name: name, data: data, crypto: crypto)
        case .messages:
            return await MessagesRunner.run(name: name, data: data, crypto: crypto)
        case .transcriptHashes:
            return await TranscriptHashesRunner.run(name: name, data: data, crypto: crypto)
        case .messageProtection:
            return await MessageProtectionRunner.run(name: name, data: data, crypto: crypto)
        case .treeValidation:
            return await TreeValidationRunner.run(name: name, data: data, crypto: crypto)
        case .treeOperations:
            return await TreeOperationsRunner.run(name: name, data: data, crypto: crypto)
        case .treekem:
            return await TreeKEMRunner.run(name: name, data: data, crypto: crypto)
        case .welcome:
            return await WelcomeRunner.run(name: name, data: data, crypto: crypto)
        case .passiveClient:
            return await PassiveClientRunner.run(name: name, data: data, crypto: crypto)
        default:
            return notImplemented(kind: kind, name: name, data: data)
        }
    }

    /// Reads and runs a file, recognizing its kind from its name unless one is given.
    public static func run(
        fileAt path: String,
        kind: VectorKind? = nil,
        crypto: any CryptoProvider
    ) async -> VectorReport {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard let kind = kind ?? VectorKind(fileName: path) else {
            var report = VectorReport(name: name)
            report.failed = 1
            report.failures.append(
                VectorFailure(caseIndex: nil, message: "unknown vector file name; pass --kind"))
            return report
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            var report = VectorReport(name: name)
            report.failed = 1
            report.failures.append(VectorFailure(caseIndex: nil, message: "cannot read \(path)"))
            return report
        }
        return await run(kind: kind, name: name, data: data, crypto: crypto)
    }

    /// Reports every case of a file as skipped because its layer does not exist yet.
    private static func notImplemented(kind: VectorKind, name: String, data: Data) -> VectorReport {
        var report = VectorReport(name: name)
        do {
            report.skipped = try JSONDecoder().decode([AnyCase].self, from: data).count
            report.skipReasons = ["the layer for \(kind.rawValue) vectors is not implemented yet"]
        } catch {
            report.failed = 1
            report.failures.append(VectorFailure(caseIndex: nil, message: "file does not parse: \(error)"))
        }
        return report
    }
}
