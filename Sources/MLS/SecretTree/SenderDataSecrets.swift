/// The key and nonce that protect a PrivateMessage's sender data (RFC 9420 §6.3.2).
///
/// ```text
/// ciphertext_sample = ciphertext[0..KDF.Nh-1]
/// sender_data_key   = ExpandWithLabel(sender_data_secret, "key", ciphertext_sample, AEAD.Nk)
/// sender_data_nonce = ExpandWithLabel(sender_data_secret, "nonce", ciphertext_sample, AEAD.Nn)
/// ```
public struct SenderDataSecrets: Hashable, Sendable {
    public var key: [UInt8]
    public var nonce: [UInt8]

    /// - Parameter ciphertext: the PrivateMessage's content ciphertext; a sample of its first
    ///   `KDF.Nh` bytes (or all of it, when shorter) binds the keys to the message.
    public init(
        provider: any CipherSuiteProvider, senderDataSecret: [UInt8], ciphertext: [UInt8]
    ) throws(CryptoError) {
        let sample = Array(ciphertext.prefix(provider.hashLength))
        key = try provider.expandWithLabel(
            secret: senderDataSecret, label: "key", context: sample, length: provider.aeadKeyLength)
        nonce = try provider.expandWithLabel(
            secret: senderDataSecret, label: "nonce", context: sample, length: provider.aeadNonceLength)
    }
}
