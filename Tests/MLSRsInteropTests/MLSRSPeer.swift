import Foundation
import MLS
import MLSVectors

/// A running mls-rs peer (Tests/MLSRsPeer/mlsrs_peer.py): one JSON request per line, one reply
/// per line. Byte strings travel as hex.
final class MLSRSPeer: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The project's virtualenv python, as scripts/test prepares it: `$MLSGATE_PYTHON`, else `.venv/bin/python`.
    static let python: URL? = {
        if let explicit = ProcessInfo.processInfo.environment["MLSGATE_PYTHON"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        let candidate = packageRoot.appendingPathComponent(".venv/bin/python")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Whether interop tests run: always under CI (where a missing peer fails), otherwise only
    /// when the virtualenv exists.
    static var shouldRun: Bool {
        if python == nil {
            FileHandle.standardError.write(Data("""
                ******************************************************************
                * mls-rs peer not available (.venv missing; run scripts/test).   *
                * Interop tests are \(ProcessInfo.processInfo.environment["CI"] == "true" ? "FAILING (CI=true)" : "SKIPPED").                          *
                ******************************************************************

                """.utf8))
        }
        return python != nil || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    init() throws {
        guard let python = Self.python else { throw Failure(description: "no python for the mls-rs peer") }
        process.executableURL = python
        process.arguments = [Self.packageRoot.appendingPathComponent("Tests/MLSRsPeer/mlsrs_peer.py").path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Sends one request and returns the reply's fields; throws when the peer reports an error.
    @discardableResult
    func call(_ command: String, _ fields: [String: Any] = [:]) throws -> [String: Any] {
        var request = fields
        request["cmd"] = command
        var line = try JSONSerialization.data(withJSONObject: request)
        line.append(0x0A)
        input.fileHandleForWriting.write(line)
        let reply = try readLine()
        guard let object = try JSONSerialization.jsonObject(with: reply) as? [String: Any] else {
            throw Failure(description: "unreadable reply to \(command)")
        }
        guard object["ok"] as? Bool == true else {
            throw Failure(description: "\(command): \(object["error"] ?? "error")")
        }
        return object
    }

    private func readLine() throws -> Data {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                return Data(line)
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failure(description: "the mls-rs peer exited") }
            buffer.append(chunk)
        }
    }

    /// A hex field of a reply, as bytes.
    static func bytes(_ reply: [String: Any], _ key: String) throws -> [UInt8] {
        guard let text = reply[key] as? String, let bytes = [UInt8](hex: text) else {
            throw Failure(description: "reply has no hex field \(key)")
        }
        return bytes
    }

    /// A reply's MLSMessage field, decoded with our codec.
    static func message(_ reply: [String: Any], _ key: String) throws -> MLSMessage {
        try MLSMessage(tlsEncoded: bytes(reply, key))
    }
}
