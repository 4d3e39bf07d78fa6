/// The labeled operations of RFC 9420 §5.1–§5.2 and §8, shared by every provider.
extension CipherSuiteProvider {
    /// The prefix every MLS label carries.
    static var labelPrefix: [UInt8] { Array("MLS 1.0 ".utf8) }

    /// `Nh` of the KDF, the length of `DeriveSecret` output.
    public var secretLength: Int { hashLength }

    /// §5.2: `RefHash(label, value) = Hash(RefHashInput)`; the label is used as given.
    public func refHash(label: String, value: [UInt8]) -> [UInt8] {
        var writer = TLSWriter(reservingCapacity: value.count + 48)
        writer.writeOpaque(Array(label.utf8))
        writer.writeOpaque(value)
        return hash(writer.bytes)
    }

    /// §8: `ExpandWithLabel(Secret, Label, Context, Length)`.
    public func expandWithLabel(
        secret: [UInt8], label: String, context: [UInt8], length: Int
    ) throws(CryptoError) -> [UInt8] {
        guard length >= 0, length <= Int(UInt16.max) else { throw .invalidOutputLength(length) }
        var writer = TLSWriter(reservingCapacity: context.count + 32)
        writer.write(UInt16(length))
        writer.writeOpaque(Self.labelPrefix + Array(label.utf8))
        writer.writeOpaque(context)
        return try kdfExpand(prk: secret, info: writer.bytes, length: length)
    }

    /// §8: `DeriveSecret(Secret, Label) = ExpandWithLabel(Secret, Label, "", Nh)`.
    public func deriveSecret(secret: [UInt8], label: String) throws(CryptoError) -> [UInt8] {
        try expandWithLabel(secret: secret, label: label, context: [], length: hashLength)
    }

    /// §9: `DeriveTreeSecret(Secret, Label, Generation, Length)`, the generation a big-endian uint32.
    public func deriveTreeSecret(
        secret: [UInt8], label: String, generation: UInt32, length: Int
    ) throws(CryptoError) -> [UInt8] {
        var writer = TLSWriter(reservingCapacity: 4)
        writer.write(generation)
        return try expandWithLabel(secret: secret, label: label, context: writer.bytes, length: length)
    }

    /// `SignContent` (§5.1.2): the labeled content that is actually signed.
    private func signContent(label: String, content: [UInt8]) -> [UInt8] {
        var writer = TLSWriter(reservingCapacity: content.count + 48)
        writer.writeOpaque(Self.labelPrefix + Array(label.utf8))
        writer.writeOpaque(content)
        return writer.bytes
    }

    /// §5.1.2: `SignWithLabel(SignatureKey, Label, Content)`.
    public func signWithLabel(privateKey: [UInt8], label: String, content: [UInt8]) throws(CryptoError) -> [UInt8] {
        try sign(privateKey: privateKey, message: signContent(label: label, content: content))
    }

    /// §5.1.2: `SignWithLabel` with a key pair's private key. A provider that can prepares the
    /// private key once, at the pair's first signature, and keeps it with the pair (and its copies)
    /// for all the signatures after; the signatures are those of `signWithLabel(privateKey:…)`.
    public func signWithLabel(keyPair: SignatureKeyPair, label: String, content: [UInt8]) throws(CryptoError) -> [UInt8] {
        let message = signContent(label: label, content: content)
        guard let preparing = self as? any SigningKeyPreparing else {
            return try sign(privateKey: keyPair.privateKey, message: message)
        }
        return try keyPair.preparedKeys.key(preparedBy: preparing, privateKey: keyPair.privateKey).sign(message)
    }

    /// §5.1.2: `VerifyWithLabel(VerificationKey, Label, Content, SignatureValue)`.
    public func verifyWithLabel(publicKey: [UInt8], label: String, content: [UInt8], signature: [UInt8]) -> Bool {
        verify(publicKey: publicKey, message: signContent(label: label, content: content), signature: signature)
    }

    /// `EncryptContext` (§5.1.3).
    private func encryptContext(label: String, context: [UInt8]) -> [UInt8] {
        var writer = TLSWriter(reservingCapacity: context.count + 48)
        writer.writeOpaque(Self.labelPrefix + Array(label.utf8))
        writer.writeOpaque(context)
        return writer.bytes
    }

    /// §5.1.3: `EncryptWithLabel(PublicKey, Label, Context, Plaintext)`, HPKE `SealBase` with empty AAD.
    public func encryptWithLabel(
        publicKey: [UInt8], label: String, context: [UInt8], plaintext: [UInt8]
    ) throws(CryptoError) -> HPKECiphertext {
        try hpkeSeal(publicKey: publicKey, info: encryptContext(label: label, context: context), aad: [],
                     plaintext: plaintext)
    }

    /// `EncryptWithLabel` of one plaintext to each public key under one label and context,
    /// which is hashed once for all of them.
    public func encryptWithLabel(
        publicKeys: [[UInt8]], label: String, context: [UInt8], plaintexts: [[UInt8]]
    ) throws(CryptoError) -> [HPKECiphertext] {
        try hpkeSeal(
            publicKeys: publicKeys, info: encryptContext(label: label, context: context), aad: [], plaintexts: plaintexts)
    }

    /// §5.1.3: `DecryptWithLabel(PrivateKey, Label, Context, KEMOutput, Ciphertext)`.
    public func decryptWithLabel(
        privateKey: [UInt8], label: String, context: [UInt8], ciphertext: HPKECiphertext
    ) throws(CryptoError) -> [UInt8] {
        try hpkeOpen(privateKey: privateKey, ciphertext: ciphertext, info: encryptContext(label: label, context: context),
                     aad: [])
    }

    /// §5.2: `KeyPackageRef = RefHash("MLS 1.0 KeyPackage Reference", KeyPackage)`.
    public func keyPackageRef(encodedKeyPackage: [UInt8]) -> [UInt8] {
        refHash(label: "MLS 1.0 KeyPackage Reference", value: encodedKeyPackage)
    }

    /// §5.2: `ProposalRef = RefHash("MLS 1.0 Proposal Reference", AuthenticatedContent)`.
    public func proposalRef(encodedAuthenticatedContent: [UInt8]) -> [UInt8] {
        refHash(label: "MLS 1.0 Proposal Reference", value: encodedAuthenticatedContent)
    }
}
