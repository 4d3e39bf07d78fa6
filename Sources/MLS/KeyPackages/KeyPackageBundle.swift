/// A key package together with the private keys its owner keeps (RFC 9420 §10).
///
/// The signature key pair is not part of the bundle: it belongs to the client's identity and signs
/// every key package the client makes.
///
/// **Warning**: the private keys must be stored until the key package is used in a Welcome (or expires),
/// and deleted after, except for a last-resort key package (§16.8).
public struct KeyPackageBundle: Hashable, Sendable {
    /// The public key package, to publish.
    public let keyPackage: UnverifiedKeyPackage
    /// The key package's reference, by which a Welcome names it.
    public let ref: KeyPackageRef
    /// The HPKE private key of `init_key`, which opens the Welcome.
    public let initPrivateKey: [UInt8]
    /// The HPKE private key of the leaf's `encryption_key`, which the member keeps in the tree.
    public let encryptionPrivateKey: [UInt8]

    /// Creates a key package with fresh init and encryption keys and signs it.
    ///
    /// The capabilities must list mls10, `provider.suite`, the credential's type and every non-default
    /// extension type used, in the leaf and in the key package (§7.2, §10); the result is then checked as any
    /// received key package would be (without a time),
    /// except that the two signatures just made are verified only when the provider cannot confirm
    /// that `signatureKeyPair.publicKey` belongs to its private key.
    ///
    /// - Parameters:
    ///   - provider: The cipher suite of the key package.
    ///   - credential: The client's credential.
    ///   - signatureKeyPair: The client's signature key pair, bound by `credential`.
    ///   - capabilities: What the client supports.
    ///   - lifetime: When the key package may be used.
    ///   - leafExtensions: Extensions of the leaf node.
    ///   - extensions: Extensions of the key package itself.
    ///   - grease: Whether to add random GREASE values (§13.5) to the capabilities, the leaf's extensions
    ///     and the key package's extensions, each GREASE extension type also listed in the capabilities.
    ///     Default: true; false gives only what the caller passed, for tests that need fixed contents.
    /// - Throws: `KeyPackageError.crypto` when key generation or signing fails; another case when the
    ///   inputs make an invalid key package (for example capabilities that omit the suite).
    public init(
        provider: some CipherSuiteProvider,
        credential: Credential,
        signatureKeyPair: SignatureKeyPair,
        capabilities: Capabilities,
        lifetime: Lifetime,
        leafExtensions: [Extension] = [],
        extensions: [Extension] = [],
        grease: Bool = true
    ) throws(KeyPackageError) {
        // What §7.2 and §10 ask of the creator, which receivers do not check.
        guard capabilities.versions.contains(.mls10), capabilities.cipherSuites.contains(provider.suite) else {
            throw .capabilitiesOmitOwnSuite(provider.suite)
        }
        var capabilities = capabilities
        var leafExtensions = leafExtensions
        var extensions = extensions
        if grease {
            let random = { (count: Int) in provider.randomBytes(count: count) }
            (capabilities, leafExtensions) = Grease.leaf(
                capabilities: capabilities, extensions: leafExtensions, random: random)
            let entry = Grease.extensionEntry(joining: extensions, randomData: true, random: random)
            extensions.append(entry)
            // §10: KeyPackage extensions are listed in the capabilities too.
            if !capabilities.extensions.contains(entry.type) { capabilities.extensions.append(entry.type) }
        }
        for entry in extensions
        where !ExtensionType.defaultTypes.contains(entry.type) && !capabilities.extensions.contains(entry.type) {
            throw .extensionNotInCapabilities(entry.type)
        }
        do {
            let initKeyPair = try provider.generateHPKEKeyPair()
            let encryptionKeyPair = try provider.generateHPKEKeyPair()
            let leaf = try LeafNode(
                encryptionKey: encryptionKeyPair.publicKey, signatureKeyPair: signatureKeyPair, credential: credential,
                capabilities: capabilities, source: .keyPackage(lifetime), extensions: leafExtensions,
                provider: provider)
            var keyPackage = UnverifiedKeyPackage(
                version: .mls10, cipherSuite: provider.suite, initKey: initKeyPair.publicKey, leafNode: leaf,
                extensions: extensions, signature: [])
            try keyPackage.resign(keyPair: signatureKeyPair, provider: provider)
            self.keyPackage = keyPackage
            self.initPrivateKey = initKeyPair.privateKey
            self.encryptionPrivateKey = encryptionKeyPair.privateKey
        } catch {
            throw .crypto(error)
        }
        // Both signatures were just made by `signatureKeyPair`: they verify under the leaf's
        // signature key exactly when that is the pair's own public key, so only a pair not known
        // to match has them verified.
        let validated = try KeyPackage(
            validating: keyPackage, provider: provider,
            leafContext: LeafNodeValidationContext(usage: .keyPackage, now: nil),
            signaturesKnownValid: signatureKeyPair.isKnownToMatch(in: provider))
        ref = validated.ref
    }
}

extension KeyPackageBundle {
    /// Reassembles a bundle from a stored KeyPackage and its private keys.
    ///
    /// - Throws: `KeyPackageError` when the KeyPackage is invalid, or `.crypto(.invalidKey)` when a
    ///   private key does not belong to the KeyPackage's `init_key` or leaf `encryption_key`.
    public init(
        keyPackage: UnverifiedKeyPackage, initPrivateKey: [UInt8], encryptionPrivateKey: [UInt8],
        provider: some CipherSuiteProvider
    ) throws(KeyPackageError) {
        let initPublic: [UInt8]
        let encryptionPublic: [UInt8]
        do {
            initPublic = try provider.hpkePublicKey(privateKey: initPrivateKey)
            encryptionPublic = try provider.hpkePublicKey(privateKey: encryptionPrivateKey)
        } catch {
            throw .crypto(error)
        }
        guard initPublic == keyPackage.initKey, encryptionPublic == keyPackage.leafNode.encryptionKey else {
            throw .crypto(.invalidKey("a private key does not match the KeyPackage"))
        }
        let validated = try KeyPackage(
            validating: keyPackage, provider: provider, leafContext: LeafNodeValidationContext(usage: .keyPackage, now: nil))
        self.keyPackage = keyPackage
        self.initPrivateKey = initPrivateKey
        self.encryptionPrivateKey = encryptionPrivateKey
        self.ref = validated.ref
    }
}
