extension AuthenticatedContent {
    /// Signs framed content for the given wire format (RFC 9420 §6.1):
    /// `signature = SignWithLabel(., "FramedContentTBS", FramedContentTBS)`.
    ///
    /// - Parameters:
    ///   - serializedGroupContext: the current epoch's encoded GroupContext; required for member and
    ///     new-member-commit senders, nil for the others.
    ///   - confirmationTag: present exactly for a commit.
    public static func sign(
        wireFormat: WireFormat,
        content: FramedContent,
        serializedGroupContext: [UInt8]?,
        signaturePrivateKey: [UInt8],
        confirmationTag: [UInt8]?,
        provider: any CipherSuiteProvider
    ) throws(FramingError) -> AuthenticatedContent {
        let signature = try signature(
            wireFormat: wireFormat, content: content, serializedGroupContext: serializedGroupContext,
            signaturePrivateKey: signaturePrivateKey, provider: provider)
        do {
            return try AuthenticatedContent(
                wireFormat: wireFormat, content: content,
                auth: FramedContentAuthData(signature: signature, confirmationTag: confirmationTag))
        } catch {
            throw .malformed(error)
        }
    }

    /// The signature alone, for a commit whose confirmation tag depends on it (§12.4).
    public static func signature(
        wireFormat: WireFormat,
        content: FramedContent,
        serializedGroupContext: [UInt8]?,
        signaturePrivateKey: [UInt8],
        provider: any CipherSuiteProvider
    ) throws(FramingError) -> [UInt8] {
        try signature(wireFormat: wireFormat, content: content, serializedGroupContext: serializedGroupContext) {
            (tbs) throws(CryptoError) in
            try provider.signWithLabel(privateKey: signaturePrivateKey, label: "FramedContentTBS", content: tbs)
        }
    }

    /// The signature alone, made with a key pair that keeps its prepared private key.
    static func signature(
        wireFormat: WireFormat,
        content: FramedContent,
        serializedGroupContext: [UInt8]?,
        signer: SignatureKeyPair,
        provider: any CipherSuiteProvider
    ) throws(FramingError) -> [UInt8] {
        try signature(wireFormat: wireFormat, content: content, serializedGroupContext: serializedGroupContext) {
            (tbs) throws(CryptoError) in
            try provider.signWithLabel(keyPair: signer, label: "FramedContentTBS", content: tbs)
        }
    }

    /// `sign` applied to the encoded FramedContentTBS, its failure wrapped.
    private static func signature(
        wireFormat: WireFormat, content: FramedContent, serializedGroupContext: [UInt8]?,
        sign: ([UInt8]) throws(CryptoError) -> [UInt8]
    ) throws(FramingError) -> [UInt8] {
        let tbs = try tbsEncoded(wireFormat: wireFormat, content: content, serializedGroupContext: serializedGroupContext)
        do {
            return try sign(tbs)
        } catch {
            throw .crypto(error)
        }
    }

    private static func tbsEncoded(
        wireFormat: WireFormat, content: FramedContent, serializedGroupContext: [UInt8]?
    ) throws(FramingError) -> [UInt8] {
        do {
            return try FramedContentTBS(
                wireFormat: wireFormat, content: content, serializedGroupContext: serializedGroupContext
            ).tlsEncoded
        } catch {
            throw .malformed(error)
        }
    }

    /// The encoded FramedContentTBS this content's signature covers.
    public func signedBytes(serializedGroupContext: [UInt8]?) throws(FramingError) -> [UInt8] {
        try Self.tbsEncoded(wireFormat: wireFormat, content: content, serializedGroupContext: serializedGroupContext)
    }

    /// Verifies the signature with the sender's signature key (§6.1).
    /// - Throws: `FramingError.invalidSignature` when it does not verify.
    public func verifySignature(
        publicKey: [UInt8],
        serializedGroupContext: [UInt8]?,
        provider: any CipherSuiteProvider
    ) throws(FramingError) {
        let tbs = try signedBytes(serializedGroupContext: serializedGroupContext)
        guard provider.verifyWithLabel(
            publicKey: publicKey, label: "FramedContentTBS", content: tbs, signature: auth.signature)
        else { throw .invalidSignature }
    }
}
