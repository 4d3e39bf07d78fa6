import Crypto

/// Suites 1, 2, 3, 5 and 7 on swift-crypto: X25519/P-256/P-384/P-521 HPKE,
/// Ed25519/ECDSA signatures, AES-GCM and ChaCha20-Poly1305 (RFC 9420 §5.1, §17.1).
///
/// Fresh private keys, including HPKE's ephemeral keys, are made from the suite's ``RandomSource``; HPKE and
/// signatures live in `SwiftCryptoSuite+HPKE.swift` and `SwiftCryptoSuite+Signatures.swift`.
struct SwiftCryptoSuite: HashAndAEADSuite, SigningKeyPreparing {
    enum Curve: Sendable { case x25519, p256, p384, p521 }
    enum Signature: Sendable { case ed25519, p256, p384, p521 }

    let suite: CipherSuite
    let hashAlgorithm: HashAlgorithm
    let curve: Curve
    let aead: AEADAlgorithm
    let signature: Signature
    let random: any RandomSource

    init?(suite: CipherSuite, random: any RandomSource) {
        self.suite = suite
        self.random = random
        switch suite.rawValue {
        case 1: (hashAlgorithm, curve, aead, signature) = (.sha256, .x25519, .aes128GCM, .ed25519)
        case 2: (hashAlgorithm, curve, aead, signature) = (.sha256, .p256, .aes128GCM, .p256)
        case 3: (hashAlgorithm, curve, aead, signature) = (.sha256, .x25519, .chaCha20Poly1305, .ed25519)
        case 5: (hashAlgorithm, curve, aead, signature) = (.sha512, .p521, .aes256GCM, .p521)
        case 7: (hashAlgorithm, curve, aead, signature) = (.sha384, .p384, .aes256GCM, .p384)
        default: return nil
        }
    }

    /// The length of a serialized private key of the curve: its scalar, or the X25519 key. Each suite signs on
    /// the curve of its KEM (Ed25519 with X25519), so this is also the length of its signature private keys.
    var privateKeyLength: Int {
        switch curve {
        case .x25519, .p256: 32
        case .p384: 48
        case .p521: 66
        }
    }

    /// An ECDSA or ECDH private scalar left-padded to the curve's length: some encoders drop
    /// leading zero bytes of the big-endian integer (a P-521 key is then 65 bytes, not 66).
    func scalar(_ privateKey: [UInt8]) -> [UInt8] {
        guard privateKey.count < privateKeyLength else { return privateKey }
        return [UInt8](repeating: 0, count: privateKeyLength - privateKey.count) + privateKey
    }

    /// RFC 9180 §7.1.3 rejection sampling: the first of at most 256 candidate private keys that makes a key.
    ///
    /// A P-521 candidate keeps only the lowest bit of its first byte; a candidate that is zero or not below the
    /// group order is rejected by the key initializer. Every X25519 and Ed25519 candidate makes a key.
    /// - Parameters:
    ///   - candidate: The candidate with a counter, of ``privateKeyLength`` bytes.
    ///   - makeKey: Makes the backend key from a candidate, or throws.
    /// - Returns: The private key as serialized and the backend key.
    /// - Throws: `CryptoError.deriveKeyPairFailed` when no candidate makes a key.
    func firstValidKey<Key>(
        candidate: (UInt8) throws(CryptoError) -> [UInt8], makeKey: ([UInt8]) throws -> Key
    ) throws(CryptoError) -> (privateKey: [UInt8], key: Key) {
        let bitmask: UInt8 = curve == .p521 ? 0x01 : 0xFF
        for counter in 0...255 {
            var privateKey = try candidate(UInt8(counter))
            privateKey[0] &= bitmask
            if let key = try? makeKey(privateKey) { return (privateKey, key) }
        }
        throw .deriveKeyPairFailed
    }

    /// A fresh private key made from random candidates (RFC 9180 §7.1.3 with random input).
    func freshKey<Key>(makeKey: ([UInt8]) throws -> Key) throws(CryptoError) -> (privateKey: [UInt8], key: Key) {
        try firstValidKey(candidate: { _ in randomBytes(count: privateKeyLength) }, makeKey: makeKey)
    }
}
