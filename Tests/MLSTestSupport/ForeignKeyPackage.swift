import Foundation
import MLS

/// A KeyPackage as another MLS implementation may make it, with the private keys to join with it.
///
/// `make` takes a KeyPackage made by a `Client`, lets a test edit it into what MLSGate's own API would not
/// make (GREASE or unknown values where RFC 9420 allows them, or a rule broken where it does not), and signs
/// leaf and package again with the client's key, so that only the edit differs from a valid package.
public struct ForeignKeyPackage: Sendable {
    public var keyPackage: UnverifiedKeyPackage
    public var initPrivateKey: [UInt8]
    public var encryptionPrivateKey: [UInt8]
    public var provider: any CipherSuiteProvider

    /// Edits a fresh KeyPackage of `client` (made without GREASE, so that `edit` alone decides what unknown
    /// values it holds) with `edit`, then signs its leaf and itself again.
    public static func make(
        for client: Client, edit: (inout UnverifiedKeyPackage) -> Void
    ) throws -> ForeignKeyPackage {
        let now = client.services.now()
        let fresh = try KeyPackageBundle(
            provider: client.provider, credential: client.credential, signatureKeyPair: client.signatureKeyPair,
            capabilities: client.capabilities,
            lifetime: Lifetime(from: now.addingTimeInterval(-3600), to: now.addingTimeInterval(86_400)), grease: false)
        var keyPackage = fresh.keyPackage
        edit(&keyPackage)
        try keyPackage.leafNode.resign(
            privateKey: client.signatureKeyPair.privateKey, groupID: [], leafIndex: LeafIndex(0),
            provider: client.provider)
        try keyPackage.resign(privateKey: client.signatureKeyPair.privateKey, provider: client.provider)
        return ForeignKeyPackage(
            keyPackage: keyPackage, initPrivateKey: fresh.initPrivateKey,
            encryptionPrivateKey: fresh.encryptionPrivateKey, provider: client.provider)
    }

    /// The bundle to join with; it validates the package as any received one.
    public func bundle() throws -> KeyPackageBundle {
        try KeyPackageBundle(
            keyPackage: keyPackage, initPrivateKey: initPrivateKey, encryptionPrivateKey: encryptionPrivateKey,
            provider: provider)
    }

    /// The package as an MLSMessage, as it is published to the directory.
    public var message: MLSMessage { MLSMessage(body: .keyPackage(keyPackage)) }
}
