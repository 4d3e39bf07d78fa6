/// Signing and authentication of a GroupInfo (RFC 9420 §12.4.3).
///
/// The group layer calls these once it knows the signer's leaf from the ratchet tree and, for the
/// confirmation tag, the epoch's `confirmation_key`.
extension GroupInfo {
    /// The signature label of GroupInfo (§17.6).
    public static let signatureLabel = "GroupInfoTBS"

    /// Replaces the signature with `SignWithLabel(., "GroupInfoTBS", GroupInfoTBS)`.
    ///
    /// - Throws: `CryptoError` if signing fails; the GroupInfo is then unchanged.
    public mutating func resign(privateKey: [UInt8], provider: some CipherSuiteProvider) throws(CryptoError) {
        signature = try provider.signWithLabel(privateKey: privateKey, label: Self.signatureLabel, content: tbsEncoded)
    }

    /// Replaces the signature, made with a key pair that keeps its prepared private key.
    mutating func resign(keyPair: SignatureKeyPair, provider: some CipherSuiteProvider) throws(CryptoError) {
        signature = try provider.signWithLabel(keyPair: keyPair, label: Self.signatureLabel, content: tbsEncoded)
    }

    /// Checks the signature against the signer's public key, the `signature_key` of leaf `signer`.
    ///
    /// - Throws: `WelcomeError.invalidGroupInfoSignature` (VAL-WELCOME-10).
    public func verifySignature(
        signerKey: [UInt8], provider: some CipherSuiteProvider
    ) throws(WelcomeError) {
        // VAL-WELCOME-10
        guard
            provider.verifyWithLabel(
                publicKey: signerKey, label: Self.signatureLabel, content: tbsEncoded, signature: signature)
        else { throw .invalidGroupInfoSignature }
    }

    /// Checks `confirmation_tag = MAC(confirmation_key, confirmed_transcript_hash)` (§6.1, §12.4.3.1).
    ///
    /// - Parameters:
    ///   - confirmationKey: The `confirmation_key` of the epoch the GroupInfo describes.
    ///   - provider: The group's cipher suite.
    /// - Throws: `WelcomeError.invalidConfirmationTag` (VAL-WELCOME-11).
    public func verifyConfirmationTag(
        confirmationKey: [UInt8], provider: some CipherSuiteProvider
    ) throws(WelcomeError) {
        let expected = provider.mac(key: confirmationKey, data: groupContext.confirmedTranscriptHash)
        // VAL-WELCOME-11
        guard constantTimeEquals(expected, confirmationTag) else { throw .invalidConfirmationTag }
    }
}
