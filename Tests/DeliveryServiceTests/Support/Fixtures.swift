import DeliveryService
import Foundation
import MLS
import XMPP

/// Builders for the directory and sequencer tests: real KeyPackages and groups, and forged ones.
enum Fixtures {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519
    static func room() throws -> JID { try JID("room@muc.example.org") }

    static func jid(_ string: String) throws -> JID { try JID(string) }

    /// A client whose basic credential names `identity`.
    static func client(_ identity: String, suite: CipherSuite = suite) throws -> Client {
        try Client(suite: suite, credential: .basic(identity: Array(identity.utf8)))
    }

    /// A KeyPackage of `client`, as MLSMessage bytes.
    static func keyPackageBytes(_ client: Client, lifetime: TimeInterval = 90 * 86_400) throws
        -> [UInt8]
    {
        MLSMessage(body: .keyPackage(try client.makeKeyPackage(lifetime: lifetime).keyPackage))
            .tlsEncoded
    }

    /// A KeyPackage whose signature no longer verifies.
    static func forgedKeyPackageBytes(_ client: Client) throws -> [UInt8] {
        var keyPackage = try client.makeKeyPackage().keyPackage
        keyPackage.signature[0] ^= 0x01
        return MLSMessage(body: .keyPackage(keyPackage)).tlsEncoded
    }

    /// An MLSMessage with a chosen clear header and meaningless encrypted content, which is all the sequencer reads.
    static func privateMessage(group: [UInt8], epoch: UInt64, type: ContentType) -> [UInt8] {
        MLSMessage(
            body: .privateMessage(
                PrivateMessage(
                    groupID: group, epoch: epoch, contentType: type, authenticatedData: [],
                    encryptedSenderData: [1, 2, 3], ciphertext: [4, 5, 6]))
        ).tlsEncoded
    }

    /// A fresh database file in a temporary directory.
    static func temporaryDatabasePath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ds-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("delivery.sqlite").path
    }
}
