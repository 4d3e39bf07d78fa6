/// Signing and signature verification of leaf nodes (RFC 9420 §7.2).
///
/// The signature is `SignWithLabel(signature_key, "LeafNodeTBS", LeafNodeTBS)`; for the `update`
/// and `commit` sources the TBS also binds the group ID and the leaf index.
extension LeafNode {
    /// The signature label of leaf nodes (§17.6).
    public static let signatureLabel = "LeafNodeTBS"

    /// Creates a leaf node and signs it with the private half of `signatureKeyPair`.
    ///
    /// - Parameters:
    ///   - encryptionKey: The HPKE public key of the leaf.
    ///   - signatureKeyPair: The member's signature key pair; its public key becomes `signature_key`.
    ///   - credential: The credential binding the member's identity to the signature key.
    ///   - capabilities: What the member supports.
    ///   - source: `key_package` (with its lifetime), `update`, or `commit` (with its parent hash).
    ///   - extensions: The leaf's extensions.
    ///   - groupID: The group, for `update` and `commit` sources; ignored for `key_package`.
    ///   - leafIndex: The member's leaf, for `update` and `commit` sources; ignored for `key_package`.
    ///   - provider: The group's cipher suite.
    /// - Throws: `CryptoError` if signing fails (for example a malformed private key).
    public init(
        encryptionKey: [UInt8],
        signatureKeyPair: SignatureKeyPair,
        credential: Credential,
        capabilities: Capabilities,
        source: LeafNodeSource,
        extensions: [Extension],
        groupID: [UInt8] = [],
        leafIndex: LeafIndex = LeafIndex(0),
        provider: some CipherSuiteProvider
    ) throws(CryptoError) {
        self.init(
            encryptionKey: encryptionKey, signatureKey: signatureKeyPair.publicKey, credential: credential,
            capabilities: capabilities, source: source, extensions: extensions, signature: [])
        try resign(keyPair: signatureKeyPair, groupID: groupID, leafIndex: leafIndex, provider: provider)
    }

    /// Replaces the signature, made with a key pair that keeps its prepared private key.
    mutating func resign(
        keyPair: SignatureKeyPair, groupID: [UInt8], leafIndex: LeafIndex, provider: some CipherSuiteProvider
    ) throws(CryptoError) {
        signature = try provider.signWithLabel(
            keyPair: keyPair, label: Self.signatureLabel, content: tbsEncoded(groupID: groupID, leafIndex: leafIndex))
    }

    /// Replaces the signature with a fresh one over the current contents.
    ///
    /// Every change to a leaf node's contents must be followed by re-signing (§7.2).
    /// - Parameters:
    ///   - privateKey: The private key matching `signatureKey`.
    ///   - groupID: The group, for `update` and `commit` sources.
    ///   - leafIndex: The member's leaf, for `update` and `commit` sources.
    ///   - provider: The group's cipher suite.
    /// - Throws: `CryptoError` if signing fails; the leaf node is then unchanged.
    public mutating func resign(
        privateKey: [UInt8], groupID: [UInt8], leafIndex: LeafIndex, provider: some CipherSuiteProvider
    ) throws(CryptoError) {
        signature = try provider.signWithLabel(
            privateKey: privateKey, label: Self.signatureLabel,
            content: tbsEncoded(groupID: groupID, leafIndex: leafIndex))
    }

    /// Whether `signature` is a valid signature by `signatureKey` over the LeafNodeTBS.
    ///
    /// - Parameters:
    ///   - groupID: The group, used only for `update` and `commit` sources.
    ///   - leafIndex: The leaf's position, used only for `update` and `commit` sources.
    ///   - provider: The group's cipher suite.
    /// - Returns: false for any invalid signature or malformed key.
    public func hasValidSignature(
        groupID: [UInt8], leafIndex: LeafIndex, provider: some CipherSuiteProvider
    ) -> Bool {
        provider.verifyWithLabel(
            publicKey: signatureKey, label: Self.signatureLabel,
            content: tbsEncoded(groupID: groupID, leafIndex: leafIndex), signature: signature)
    }
}
