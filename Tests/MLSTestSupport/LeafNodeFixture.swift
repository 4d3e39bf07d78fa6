import MLS

/// Builds valid leaf nodes and key packages, and lets tests forge what the API would refuse.
public struct LeafNodeFixture: Sendable {
    public let provider: any CipherSuiteProvider
    public let signatureKeyPair: SignatureKeyPair
    public let encryptionKeyPair: HPKEKeyPair

    /// A fresh member identity for `suite` (suite 1 by default).
    public init(suite: CipherSuite = .mls128DHKEMX25519AES128GCMSHA256Ed25519) throws {
        provider = try DefaultCryptoProvider().provider(for: suite)
        signatureKeyPair = try provider.generateSignatureKeyPair()
        encryptionKeyPair = try provider.generateHPKEKeyPair()
    }

    public var suite: CipherSuite { provider.suite }

    /// Capabilities listing mls10, the fixture's suite and basic credentials.
    public var capabilities: Capabilities {
        Capabilities(versions: [.mls10], cipherSuites: [suite], extensions: [], proposals: [], credentials: [.basic])
    }

    public static let wideLifetime = Lifetime(notBefore: 1_000, notAfter: 2_000_000_000)

    /// A signed leaf, edited by `edit` before signing.
    public func leaf(
        source: LeafNodeSource = .keyPackage(wideLifetime),
        groupID: [UInt8] = [],
        leafIndex: LeafIndex = LeafIndex(0),
        edit: (inout LeafNode) -> Void = { _ in }
    ) throws -> LeafNode {
        var leaf = LeafNode(
            encryptionKey: encryptionKeyPair.publicKey, signatureKey: signatureKeyPair.publicKey,
            credential: .basic(identity: Array("alice@example.org".utf8)), capabilities: capabilities,
            source: source, extensions: [], signature: [])
        edit(&leaf)
        try leaf.resign(
            privateKey: signatureKeyPair.privateKey, groupID: groupID, leafIndex: leafIndex, provider: provider)
        return leaf
    }

    /// A fresh bundle for this identity, without GREASE so that tests know its exact contents.
    public func bundle(lifetime: Lifetime = wideLifetime) throws -> KeyPackageBundle {
        try KeyPackageBundle(
            provider: provider, credential: .basic(identity: Array("alice@example.org".utf8)),
            signatureKeyPair: signatureKeyPair, capabilities: capabilities, lifetime: lifetime, grease: false)
    }

    /// A valid key package, edited by `edit` and then re-signed (leaf and package).
    public func keyPackage(edit: (inout UnverifiedKeyPackage) -> Void = { _ in }) throws -> UnverifiedKeyPackage {
        var keyPackage = try bundle().keyPackage
        edit(&keyPackage)
        try keyPackage.leafNode.resign(
            privateKey: signatureKeyPair.privateKey, groupID: [], leafIndex: LeafIndex(0), provider: provider)
        try keyPackage.resign(privateKey: signatureKeyPair.privateKey, provider: provider)
        return keyPackage
    }
}
