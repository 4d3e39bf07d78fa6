import Synchronization

/// A signature private key in the form a backend signs with, made once from its serialized form.
///
/// Making a backend key can cost as much as a signature (an Ed25519 key expands its seed and
/// derives its public key), so a key pair keeps its prepared key for all the signatures it makes.
protocol PreparedSigningKey: Sendable {
    /// The public key of the private key, serialized as in `SignaturePublicKey`.
    var publicKey: [UInt8] { get }
    /// Signs with the suite's signature scheme (no MLS label).
    func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8]
}

/// A provider whose signatures can reuse a prepared private key.
protocol SigningKeyPreparing: CipherSuiteProvider {
    /// The private key ready for `PreparedSigningKey.sign`; fails as `sign(privateKey:message:)`
    /// fails on a malformed key.
    func prepareSigningKey(privateKey: [UInt8]) throws(CryptoError) -> any PreparedSigningKey
}

/// The prepared forms of one key pair's private key, one per suite it signs in.
///
/// Shared by the copies of a `SignatureKeyPair` and freed with the last of them, so a prepared
/// key lives exactly as long as the private key it comes from.
final class PreparedSigningKeys: Sendable {
    private let keys = Mutex<[CipherSuite: any PreparedSigningKey]>([:])

    /// The key prepared by `provider` from `privateKey`, prepared now if it is the first use.
    /// A key that fails to prepare is not remembered, so every use reports the failure.
    func key(
        preparedBy provider: any SigningKeyPreparing, privateKey: [UInt8]
    ) throws(CryptoError) -> any PreparedSigningKey {
        try keys.withLock { (keys) throws(CryptoError) -> any PreparedSigningKey in
            if let key = keys[provider.suite] { return key }
            let key = try provider.prepareSigningKey(privateKey: privateKey)
            keys[provider.suite] = key
            return key
        }
    }
}

extension SignatureKeyPair {
    /// Whether `publicKey` is the public key that `provider` derives from `privateKey`, so that
    /// the signatures this pair makes verify under it. False when the provider does not prepare
    /// keys or the private key is malformed: the pair is then not known to match.
    func isKnownToMatch(in provider: any CipherSuiteProvider) -> Bool {
        guard let preparing = provider as? any SigningKeyPreparing,
            let key = try? preparedKeys.key(preparedBy: preparing, privateKey: privateKey)
        else { return false }
        return key.publicKey == publicKey
    }
}
