/// Signing of key packages (RFC 9420 §10).
///
/// The signature is `SignWithLabel(leaf_node.signature_key, "KeyPackageTBS", KeyPackageTBS)`.
extension UnverifiedKeyPackage {
    /// The signature label of key packages (§17.6).
    public static let signatureLabel = "KeyPackageTBS"

    /// Replaces the signature with a fresh one over the current contents.
    ///
    /// - Parameters:
    ///   - privateKey: The private key matching `leafNode.signatureKey`.
    ///   - provider: The key package's cipher suite.
    /// - Throws: `CryptoError` if signing fails; the key package is then unchanged.
    public mutating func resign(privateKey: [UInt8], provider: some CipherSuiteProvider) throws(CryptoError) {
        signature = try provider.signWithLabel(privateKey: privateKey, label: Self.signatureLabel, content: tbsEncoded)
    }

    /// Replaces the signature, made with a key pair that keeps its prepared private key.
    mutating func resign(keyPair: SignatureKeyPair, provider: some CipherSuiteProvider) throws(CryptoError) {
        signature = try provider.signWithLabel(keyPair: keyPair, label: Self.signatureLabel, content: tbsEncoded)
    }
}
