/// A suite whose hash, HMAC, HKDF and AEAD come from `HashAlgorithm` and `AEADAlgorithm` on
/// swift-crypto: all seven RFC 9420 suites, whatever their KEM and signature scheme.
protocol HashAndAEADSuite: CipherSuiteProvider {
    var hashAlgorithm: HashAlgorithm { get }
    var aead: AEADAlgorithm { get }
    /// Where ``randomBytes(count:)`` draws from.
    var random: any RandomSource { get }
}

extension HashAndAEADSuite {
    var hashLength: Int { hashAlgorithm.outputLength }
    var aeadKeyLength: Int { aead.keyLength }
    var aeadNonceLength: Int { aead.nonceLength }

    func hash(_ data: [UInt8]) -> [UInt8] { hashAlgorithm.hash(data) }
    func mac(key: [UInt8], data: [UInt8]) -> [UInt8] { hashAlgorithm.hmac(key: key, data: data) }
    func kdfExtract(salt: [UInt8], ikm: [UInt8]) -> [UInt8] { hashAlgorithm.extract(salt: salt, ikm: ikm) }
    func kdfExpand(prk: [UInt8], info: [UInt8], length: Int) throws(CryptoError) -> [UInt8] {
        try hashAlgorithm.expand(prk: prk, info: info, length: length)
    }

    func randomBytes(count: Int) -> [UInt8] { random.bytes(count: count) }

    func aeadSeal(key: [UInt8], nonce: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError) -> [UInt8] {
        try aead.seal(key: key, nonce: nonce, aad: aad, plaintext: plaintext)
    }

    func aeadOpen(key: [UInt8], nonce: [UInt8], aad: [UInt8], ciphertext: [UInt8]) throws(CryptoError) -> [UInt8] {
        try aead.open(key: key, nonce: nonce, aad: aad, ciphertext: ciphertext)
    }
}
