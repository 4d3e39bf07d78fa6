import Crypto
import Foundation
import MLS

/// The AES-256-GCM key that seals bot state at rest (RFC 9750 §8.4.1.2). Each record is bound to its bot, kind
/// and name as associated data, so a record moved to another row does not open.
public struct BotStateKey: Sendable {
    private let key: SymmetricKey

    /// - Parameter text: 32 bytes as 64 hex digits or as base64, not all zero (a placeholder, not a key).
    /// - Throws: ``BotError/invalidStateKey`` otherwise.
    public init(text: String) throws(BotError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes: [UInt8]
        if let decoded = [UInt8](hex: trimmed), decoded.count == 32 {
            bytes = decoded
        } else if let data = Data(base64Encoded: trimmed), data.count == 32 {
            bytes = Array(data)
        } else {
            throw .invalidStateKey
        }
        guard !Self.isPlaceholder(bytes) else { throw .invalidStateKey }
        key = SymmetricKey(data: bytes)
    }

    /// Whether the key is all zero bytes: a placeholder copied from an example, not a secret.
    public static func isPlaceholder(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0 }
    }

    /// A key from raw bytes; for tests.
    public init(key: SymmetricKey) {
        self.key = key
    }

    /// Seals a record.
    func seal(_ plaintext: [UInt8], context: String) throws(BotError) -> [UInt8] {
        do {
            let box = try AES.GCM.seal(plaintext, using: key, authenticating: Array(context.utf8))
            guard let combined = box.combined else { throw BotError.invalidStateKey }
            return [UInt8](combined)
        } catch {
            throw .invalidStateKey
        }
    }

    /// Opens a record sealed with the same context.
    func open(_ sealed: [UInt8], context: String, kind: String, name: String) throws(BotError) -> [UInt8] {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return [UInt8](try AES.GCM.open(box, using: key, authenticating: Array(context.utf8)))
        } catch {
            throw .sealedRecordRejected(kind: kind, name: name)
        }
    }
}
