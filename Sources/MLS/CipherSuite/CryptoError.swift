/// Errors from the cryptographic primitives behind a cipher suite.
public enum CryptoError: Error, Equatable, Sendable {
    /// No implementation exists for this suite.
    case unsupportedCipherSuite(CipherSuite)
    /// A public or private key has the wrong length or is not a valid point/scalar.
    case invalidKey(String)
    /// AEAD or HPKE decryption failed: wrong key, nonce, associated data, or tampered ciphertext.
    case decryptionFailed
    /// A signature could not be produced.
    case signingFailed(String)
    /// HKDF-Expand was asked for more than 255 * Nh bytes, or a length that does not fit a uint16 label.
    case invalidOutputLength(Int)
    /// A key derivation (DeriveKeyPair) found no valid key; practically unreachable.
    case deriveKeyPairFailed
    /// The underlying library reported an error that has no better mapping.
    case backend(String)
}
