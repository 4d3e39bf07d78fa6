/// Suites 4 and 6 (RFC 9420 §17.1): DHKEM(X448, HKDF-SHA512) HPKE, Ed448 signatures,
/// SHA-512, and AES-256-GCM (suite 4) or ChaCha20-Poly1305 (suite 6).
///
/// swift-crypto has no X448 or Ed448, so the curve operations come from OpenSSL
/// (`OpenSSLCurve448`) and HPKE base mode (RFC 9180 §4.1, §5.1, §6.1) is built here on
/// them; hash, HMAC, HKDF and the AEADs stay on swift-crypto.
struct Curve448Suite: HashAndAEADSuite, DHKEMSuite {
    let suite: CipherSuite
    let aead: AEADAlgorithm
    let random: any RandomSource

    /// RFC 9180 §7.1: DHKEM(X448, HKDF-SHA512).
    static let kemID: UInt16 = 0x0021
    /// RFC 9180 §7.1: `Nsecret` of DHKEM(X448, HKDF-SHA512).
    static let kemSecretLength = 64

    init?(suite: CipherSuite, random: any RandomSource) {
        self.suite = suite
        self.random = random
        switch suite {
        case .mls256DHKEMX448AES256GCMSHA512Ed448: aead = .aes256GCM
        case .mls256DHKEMX448ChaCha20Poly1305SHA512Ed448: aead = .chaCha20Poly1305
        default: return nil
        }
    }

    var hashAlgorithm: HashAlgorithm { .sha512 }

    // MARK: HPKE

    /// The labeled KDF for the KEM's own derivations (`suite_id = "KEM" || kem_id`).
    private var kemKDF: HPKELabeledKDF {
        HPKELabeledKDF(hash: .sha512, suiteID: HPKELabeledKDF.kemSuiteID(Self.kemID))
    }

    var hpke: HPKEBaseMode {
        HPKEBaseMode(kemID: Self.kemID, kemHash: .sha512, kemSecretLength: Self.kemSecretLength, kdfHash: .sha512, aead: aead)
    }

    /// The Diffie-Hellman half of RFC 9180 §4.1 `Encap`, on X448.
    func ephemeralDiffieHellman(with publicKey: [UInt8]) throws(CryptoError) -> (enc: [UInt8], dh: [UInt8]) {
        let ephemeral = try generateHPKEKeyPair()
        return (ephemeral.publicKey, try OpenSSLCurve448.x448(privateKey: ephemeral.privateKey, publicKey: publicKey))
    }

    /// RFC 9180 §4.1 `Decap`.
    private func decap(_ enc: [UInt8], privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        let dh = try OpenSSLCurve448.x448(privateKey: privateKey, publicKey: enc)
        let recipientPublicKey = try OpenSSLCurve448.x448PublicKey(privateKey: privateKey)
        return try hpke.sharedSecret(dh: dh, enc: enc, recipientPublicKey: recipientPublicKey)
    }

    /// RFC 9180 §6.1 single-shot `OpenBase`.
    /// - Throws: `CryptoError.decryptionFailed` for any bad key, KEM output or ciphertext.
    func hpkeOpen(privateKey: [UInt8], ciphertext: HPKECiphertext, info: [UInt8], aad: [UInt8]) throws(CryptoError)
        -> [UInt8]
    {
        do {
            let sharedSecret = try decap(ciphertext.kemOutput, privateKey: privateKey)
            return try hpke.open(
                sharedSecret: sharedSecret, scheduleContext: hpke.scheduleContext(info: info), aad: aad,
                ciphertext: ciphertext.ciphertext)
        } catch {
            throw .decryptionFailed
        }
    }

    /// RFC 9180 §5.3 `SetupBaseR` then `Export`.
    func hpkeExportReceiver(
        privateKey: [UInt8], kemOutput: [UInt8], info: [UInt8], exporterContext: [UInt8], length: Int
    ) throws(CryptoError) -> [UInt8] {
        let sharedSecret = try decap(kemOutput, privateKey: privateKey)
        let schedule = try hpke.keySchedule(sharedSecret: sharedSecret, scheduleContext: hpke.scheduleContext(info: info))
        return try hpke.export(exporterSecret: schedule.exporterSecret, exporterContext: exporterContext, length: length)
    }

    /// RFC 9180 §7.1.3 `DeriveKeyPair` for X448: the private key is
    /// `LabeledExpand(dkp_prk, "sk", "", Nsk)` with `Nsk = 56`, used as is.
    func deriveHPKEKeyPair(ikm: [UInt8]) throws(CryptoError) -> HPKEKeyPair {
        let kdf = kemKDF
        let dkpPRK = kdf.labeledExtract(salt: [], label: "dkp_prk", ikm: ikm)
        let sk = try kdf.labeledExpand(prk: dkpPRK, label: "sk", info: [], length: OpenSSLCurve448.x448KeyLength)
        return HPKEKeyPair(privateKey: sk, publicKey: try hpkePublicKey(privateKey: sk))
    }

    func generateHPKEKeyPair() throws(CryptoError) -> HPKEKeyPair {
        // Every 56-byte string is a valid X448 private key (RFC 7748 §5 clamps it).
        let sk = randomBytes(count: OpenSSLCurve448.x448KeyLength)
        return HPKEKeyPair(privateKey: sk, publicKey: try hpkePublicKey(privateKey: sk))
    }

    func hpkePublicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        try OpenSSLCurve448.x448PublicKey(privateKey: privateKey)
    }

    // MARK: Signatures

    func sign(privateKey: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try OpenSSLCurve448.ed448Sign(privateKey: privateKey, message: message)
    }

    func verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool {
        OpenSSLCurve448.ed448Verify(publicKey: publicKey, message: message, signature: signature)
    }

    func generateSignatureKeyPair() throws(CryptoError) -> SignatureKeyPair {
        // RFC 8032 §5.2.5: an Ed448 private key is 57 random bytes.
        let sk = randomBytes(count: OpenSSLCurve448.ed448KeyLength)
        return SignatureKeyPair(privateKey: sk, publicKey: try signaturePublicKey(privateKey: sk))
    }

    func signaturePublicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        try OpenSSLCurve448.ed448PublicKey(privateKey: privateKey)
    }
}
