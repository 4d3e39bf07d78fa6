import Crypto
import Foundation

/// Suites 1, 2, 3, 5 and 7 on swift-crypto: X25519/P-256/P-384/P-521 HPKE,
/// Ed25519/ECDSA signatures, AES-GCM and ChaCha20-Poly1305 (RFC 9420 §5.1, §17.1).
struct SwiftCryptoSuite: HashAndAEADSuite, SigningKeyPreparing {
    enum Curve: Sendable { case x25519, p256, p384, p521 }
    enum Signature: Sendable { case ed25519, p256, p384, p521 }

    let suite: CipherSuite
    let hashAlgorithm: HashAlgorithm
    let curve: Curve
    let aead: AEADAlgorithm
    let signature: Signature

    init?(suite: CipherSuite) {
        self.suite = suite
        switch suite.rawValue {
        case 1: (hashAlgorithm, curve, aead, signature) = (.sha256, .x25519, .aes128GCM, .ed25519)
        case 2: (hashAlgorithm, curve, aead, signature) = (.sha256, .p256, .aes128GCM, .p256)
        case 3: (hashAlgorithm, curve, aead, signature) = (.sha256, .x25519, .chaCha20Poly1305, .ed25519)
        case 5: (hashAlgorithm, curve, aead, signature) = (.sha512, .p521, .aes256GCM, .p521)
        case 7: (hashAlgorithm, curve, aead, signature) = (.sha384, .p384, .aes256GCM, .p384)
        default: return nil
        }
    }


    // MARK: HPKE

    private var hpkeSuite: HPKE.Ciphersuite {
        let kem: HPKE.KEM =
            switch curve {
            case .x25519: .Curve25519_HKDF_SHA256
            case .p256: .P256_HKDF_SHA256
            case .p384: .P384_HKDF_SHA384
            case .p521: .P521_HKDF_SHA512
            }
        // The HPKE KDF of each MLS suite is the suite's own hash.
        let hpkeKDF: HPKE.KDF =
            switch hashAlgorithm {
            case .sha256: .HKDF_SHA256
            case .sha384: .HKDF_SHA384
            case .sha512: .HKDF_SHA512
            }
        let hpkeAEAD: HPKE.AEAD =
            switch aead {
            case .aes128GCM: .AES_GCM_128
            case .aes256GCM: .AES_GCM_256
            case .chaCha20Poly1305: .chaChaPoly
            }
        return HPKE.Ciphersuite(kem: kem, kdf: hpkeKDF, aead: hpkeAEAD)
    }

    /// `SetupBaseS` with the suite's KEM.
    private func hpkeSender(publicKey: [UInt8], info: [UInt8]) throws -> HPKE.Sender {
        switch curve {
        case .x25519:
            try HPKE.Sender(
                recipientKey: Curve25519.KeyAgreement.PublicKey(rawRepresentation: publicKey), ciphersuite: hpkeSuite,
                info: Data(info))
        case .p256:
            try HPKE.Sender(
                recipientKey: P256.KeyAgreement.PublicKey(x963Representation: publicKey), ciphersuite: hpkeSuite,
                info: Data(info))
        case .p384:
            try HPKE.Sender(
                recipientKey: P384.KeyAgreement.PublicKey(x963Representation: publicKey), ciphersuite: hpkeSuite,
                info: Data(info))
        case .p521:
            try HPKE.Sender(
                recipientKey: P521.KeyAgreement.PublicKey(x963Representation: publicKey), ciphersuite: hpkeSuite,
                info: Data(info))
        }
    }

    /// `SetupBaseR` with the suite's KEM.
    private func hpkeRecipient(privateKey: [UInt8], kemOutput: [UInt8], info: [UInt8]) throws -> HPKE.Recipient {
        let enc = Data(kemOutput)
        return switch curve {
        case .x25519:
            try HPKE.Recipient(
                privateKey: Curve25519.KeyAgreement.PrivateKey(rawRepresentation: privateKey), ciphersuite: hpkeSuite,
                info: Data(info), encapsulatedKey: enc)
        case .p256:
            try HPKE.Recipient(
                privateKey: P256.KeyAgreement.PrivateKey(rawRepresentation: scalar(privateKey)),
                ciphersuite: hpkeSuite, info: Data(info), encapsulatedKey: enc)
        case .p384:
            try HPKE.Recipient(
                privateKey: P384.KeyAgreement.PrivateKey(rawRepresentation: scalar(privateKey)),
                ciphersuite: hpkeSuite, info: Data(info), encapsulatedKey: enc)
        case .p521:
            try HPKE.Recipient(
                privateKey: P521.KeyAgreement.PrivateKey(rawRepresentation: scalar(privateKey)),
                ciphersuite: hpkeSuite, info: Data(info), encapsulatedKey: enc)
        }
    }

    func hpkeSeal(publicKey: [UInt8], info: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError)
        -> HPKECiphertext
    {
        var sender: HPKE.Sender
        do {
            sender = try hpkeSender(publicKey: publicKey, info: info)
        } catch {
            throw .invalidKey("HPKE public key: \(error)")
        }
        do {
            let sealed = try sender.seal(plaintext, authenticating: aad)
            return HPKECiphertext(kemOutput: Array(sender.encapsulatedKey), ciphertext: Array(sealed))
        } catch {
            throw .backend("HPKE seal: \(error)")
        }
    }

    /// Base mode on the suite's DH (RFC 9180 §4.1), for batches under one `info`.
    private var hpke: HPKEBaseMode {
        let secretLength =
            switch curve {
            case .x25519, .p256: 32
            case .p384: 48
            case .p521: 64
            }
        return HPKEBaseMode(
            kemID: kemID, kemHash: kemHash, kemSecretLength: secretLength, kdfHash: hashAlgorithm, aead: aead)
    }

    /// `Encap` (RFC 9180 §4.1): a fresh ephemeral key, `enc`, and the DH output with `publicKey`.
    private func encap(_ publicKey: [UInt8]) throws -> (enc: [UInt8], dh: [UInt8]) {
        func raw(_ secret: SharedSecret) -> [UInt8] { secret.withUnsafeBytes { Array($0) } }
        switch curve {
        case .x25519:
            let ephemeral = Curve25519.KeyAgreement.PrivateKey()
            let dh = try ephemeral.sharedSecretFromKeyAgreement(
                with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: publicKey))
            return (Array(ephemeral.publicKey.rawRepresentation), raw(dh))
        case .p256:
            let ephemeral = P256.KeyAgreement.PrivateKey()
            let dh = try ephemeral.sharedSecretFromKeyAgreement(
                with: P256.KeyAgreement.PublicKey(x963Representation: publicKey))
            return (Array(ephemeral.publicKey.x963Representation), raw(dh))
        case .p384:
            let ephemeral = P384.KeyAgreement.PrivateKey()
            let dh = try ephemeral.sharedSecretFromKeyAgreement(
                with: P384.KeyAgreement.PublicKey(x963Representation: publicKey))
            return (Array(ephemeral.publicKey.x963Representation), raw(dh))
        case .p521:
            let ephemeral = P521.KeyAgreement.PrivateKey()
            let dh = try ephemeral.sharedSecretFromKeyAgreement(
                with: P521.KeyAgreement.PublicKey(x963Representation: publicKey))
            return (Array(ephemeral.publicKey.x963Representation), raw(dh))
        }
    }

    func hpkeSeal(publicKeys: [[UInt8]], info: [UInt8], aad: [UInt8], plaintexts: [[UInt8]]) throws(CryptoError)
        -> [HPKECiphertext]
    {
        let hpke = hpke
        let context = hpke.scheduleContext(info: info)
        var result: [HPKECiphertext] = []
        result.reserveCapacity(publicKeys.count)
        for (publicKey, plaintext) in zip(publicKeys, plaintexts) {
            let enc: [UInt8]
            let dh: [UInt8]
            do {
                (enc, dh) = try encap(publicKey)
            } catch {
                throw .invalidKey("HPKE public key: \(error)")
            }
            let sharedSecret = try hpke.sharedSecret(dh: dh, enc: enc, recipientPublicKey: publicKey)
            let ciphertext = try hpke.seal(sharedSecret: sharedSecret, scheduleContext: context, aad: aad, plaintext: plaintext)
            result.append(HPKECiphertext(kemOutput: enc, ciphertext: ciphertext))
        }
        return result
    }

    func hpkeOpen(privateKey: [UInt8], ciphertext: HPKECiphertext, info: [UInt8], aad: [UInt8]) throws(CryptoError)
        -> [UInt8]
    {
        do {
            var recipient = try hpkeRecipient(privateKey: privateKey, kemOutput: ciphertext.kemOutput, info: info)
            return Array(try recipient.open(ciphertext.ciphertext, authenticating: aad))
        } catch {
            throw .decryptionFailed
        }
    }

    func hpkeExportSender(publicKey: [UInt8], info: [UInt8], exporterContext: [UInt8], length: Int)
        throws(CryptoError) -> (kemOutput: [UInt8], secret: [UInt8])
    {
        do {
            let sender = try hpkeSender(publicKey: publicKey, info: info)
            let secret = try sender.exportSecret(context: exporterContext, outputByteCount: length)
            return (Array(sender.encapsulatedKey), secret.withUnsafeBytes { Array($0) })
        } catch {
            throw .invalidKey("HPKE public key: \(error)")
        }
    }

    func hpkeExportReceiver(
        privateKey: [UInt8], kemOutput: [UInt8], info: [UInt8], exporterContext: [UInt8], length: Int
    ) throws(CryptoError) -> [UInt8] {
        do {
            let recipient = try hpkeRecipient(privateKey: privateKey, kemOutput: kemOutput, info: info)
            let secret = try recipient.exportSecret(context: exporterContext, outputByteCount: length)
            return secret.withUnsafeBytes { Array($0) }
        } catch {
            throw .decryptionFailed
        }
    }

    private var kemID: UInt16 {
        switch curve {
        case .x25519: 0x0020
        case .p256: 0x0010
        case .p384: 0x0011
        case .p521: 0x0012
        }
    }

    private var kemHash: HashAlgorithm {
        switch curve {
        case .x25519, .p256: .sha256
        case .p384: .sha384
        case .p521: .sha512
        }
    }

    private var privateKeyLength: Int {
        switch curve {
        case .x25519, .p256: 32
        case .p384: 48
        case .p521: 66
        }
    }

    /// RFC 9180 §7.1.3.
    func deriveHPKEKeyPair(ikm: [UInt8]) throws(CryptoError) -> HPKEKeyPair {
        let kdf = HPKELabeledKDF(hash: kemHash, suiteID: HPKELabeledKDF.kemSuiteID(kemID))
        let dkpPRK = kdf.labeledExtract(salt: [], label: "dkp_prk", ikm: ikm)
        if curve == .x25519 {
            let sk = try kdf.labeledExpand(prk: dkpPRK, label: "sk", info: [], length: 32)
            return HPKEKeyPair(privateKey: sk, publicKey: try hpkePublicKey(privateKey: sk))
        }
        let bitmask: UInt8 = curve == .p521 ? 0x01 : 0xFF
        for counter in 0...255 {
            var candidate = try kdf.labeledExpand(
                prk: dkpPRK, label: "candidate", info: [UInt8(counter)], length: privateKeyLength)
            candidate[0] &= bitmask
            // A candidate that is zero or not below the group order is rejected by the key initializer.
            if let publicKey = try? hpkePublicKey(privateKey: candidate) {
                return HPKEKeyPair(privateKey: candidate, publicKey: publicKey)
            }
        }
        throw .deriveKeyPairFailed
    }

    func generateHPKEKeyPair() throws(CryptoError) -> HPKEKeyPair {
        switch curve {
        case .x25519:
            let key = Curve25519.KeyAgreement.PrivateKey()
            return HPKEKeyPair(privateKey: Array(key.rawRepresentation), publicKey: Array(key.publicKey.rawRepresentation))
        case .p256:
            let key = P256.KeyAgreement.PrivateKey()
            return HPKEKeyPair(privateKey: Array(key.rawRepresentation), publicKey: Array(key.publicKey.x963Representation))
        case .p384:
            let key = P384.KeyAgreement.PrivateKey()
            return HPKEKeyPair(privateKey: Array(key.rawRepresentation), publicKey: Array(key.publicKey.x963Representation))
        case .p521:
            let key = P521.KeyAgreement.PrivateKey()
            return HPKEKeyPair(privateKey: Array(key.rawRepresentation), publicKey: Array(key.publicKey.x963Representation))
        }
    }

    func hpkePublicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        do {
            switch curve {
            case .x25519:
                return Array(try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: privateKey).publicKey.rawRepresentation)
            case .p256:
                return Array(try P256.KeyAgreement.PrivateKey(rawRepresentation: scalar(privateKey)).publicKey.x963Representation)
            case .p384:
                return Array(try P384.KeyAgreement.PrivateKey(rawRepresentation: scalar(privateKey)).publicKey.x963Representation)
            case .p521:
                return Array(try P521.KeyAgreement.PrivateKey(rawRepresentation: scalar(privateKey)).publicKey.x963Representation)
            }
        } catch {
            throw .invalidKey("HPKE private key: \(error)")
        }
    }

    // MARK: Signatures

    func sign(privateKey: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try prepareSigningKey(privateKey: privateKey).sign(message)
    }

    func prepareSigningKey(privateKey: [UInt8]) throws(CryptoError) -> any PreparedSigningKey {
        do {
            switch signature {
            case .ed25519:
                return SigningKey.ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey))
            case .p256:
                return SigningKey.p256(try P256.Signing.PrivateKey(rawRepresentation: scalar(privateKey)))
            case .p384:
                return SigningKey.p384(try P384.Signing.PrivateKey(rawRepresentation: scalar(privateKey)))
            case .p521:
                return SigningKey.p521(try P521.Signing.PrivateKey(rawRepresentation: scalar(privateKey)))
            }
        } catch {
            throw .signingFailed("\(error)")
        }
    }

    /// A swift-crypto signing key of the suite's scheme.
    enum SigningKey: PreparedSigningKey {
        case ed25519(Curve25519.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
        case p384(P384.Signing.PrivateKey)
        case p521(P521.Signing.PrivateKey)

        var publicKey: [UInt8] {
            switch self {
            case .ed25519(let key): Array(key.publicKey.rawRepresentation)
            case .p256(let key): Array(key.publicKey.x963Representation)
            case .p384(let key): Array(key.publicKey.x963Representation)
            case .p521(let key): Array(key.publicKey.x963Representation)
            }
        }

        func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
            do {
                return switch self {
                case .ed25519(let key): Array(try key.signature(for: message))
                case .p256(let key): Array(try key.signature(for: message).derRepresentation)
                case .p384(let key): Array(try key.signature(for: message).derRepresentation)
                case .p521(let key): Array(try key.signature(for: message).derRepresentation)
                }
            } catch {
                throw .signingFailed("\(error)")
            }
        }
    }

    func verify(publicKey: [UInt8], message: [UInt8], signature sig: [UInt8]) -> Bool {
        do {
            switch signature {
            case .ed25519:
                return try Curve25519.Signing.PublicKey(rawRepresentation: publicKey).isValidSignature(sig, for: message)
            case .p256:
                let key = try P256.Signing.PublicKey(x963Representation: publicKey)
                return key.isValidSignature(try P256.Signing.ECDSASignature(derRepresentation: sig), for: message)
            case .p384:
                let key = try P384.Signing.PublicKey(x963Representation: publicKey)
                return key.isValidSignature(try P384.Signing.ECDSASignature(derRepresentation: sig), for: message)
            case .p521:
                let key = try P521.Signing.PublicKey(x963Representation: publicKey)
                return key.isValidSignature(try P521.Signing.ECDSASignature(derRepresentation: sig), for: message)
            }
        } catch {
            return false
        }
    }

    func generateSignatureKeyPair() throws(CryptoError) -> SignatureKeyPair {
        switch signature {
        case .ed25519:
            let key = Curve25519.Signing.PrivateKey()
            return SignatureKeyPair(privateKey: Array(key.rawRepresentation), publicKey: Array(key.publicKey.rawRepresentation))
        case .p256:
            let key = P256.Signing.PrivateKey()
            return SignatureKeyPair(privateKey: Array(key.rawRepresentation), publicKey: Array(key.publicKey.x963Representation))
        case .p384:
            let key = P384.Signing.PrivateKey()
            return SignatureKeyPair(privateKey: Array(key.rawRepresentation), publicKey: Array(key.publicKey.x963Representation))
        case .p521:
            let key = P521.Signing.PrivateKey()
            return SignatureKeyPair(privateKey: Array(key.rawRepresentation), publicKey: Array(key.publicKey.x963Representation))
        }
    }

    func signaturePublicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        do {
            switch signature {
            case .ed25519:
                return Array(try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey).publicKey.rawRepresentation)
            case .p256:
                return Array(try P256.Signing.PrivateKey(rawRepresentation: scalar(privateKey)).publicKey.x963Representation)
            case .p384:
                return Array(try P384.Signing.PrivateKey(rawRepresentation: scalar(privateKey)).publicKey.x963Representation)
            case .p521:
                return Array(try P521.Signing.PrivateKey(rawRepresentation: scalar(privateKey)).publicKey.x963Representation)
            }
        } catch {
            throw .invalidKey("signature private key: \(error)")
        }
    }

    /// An ECDSA or ECDH private scalar left-padded to the curve's length: some encoders drop
    /// leading zero bytes of the big-endian integer (a P-521 key is then 65 bytes, not 66).
    private func scalar(_ privateKey: [UInt8]) -> [UInt8] {
        guard privateKey.count < privateKeyLength else { return privateKey }
        return [UInt8](repeating: 0, count: privateKeyLength - privateKey.count) + privateKey
    }
}
