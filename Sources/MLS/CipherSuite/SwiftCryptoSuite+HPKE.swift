import Crypto
import Foundation

extension SwiftCryptoSuite: DHKEMSuite {
    /// A swift-crypto key-agreement private key of the suite's KEM.
    enum AgreementKey {
        case x25519(Curve25519.KeyAgreement.PrivateKey)
        case p256(P256.KeyAgreement.PrivateKey)
        case p384(P384.KeyAgreement.PrivateKey)
        case p521(P521.KeyAgreement.PrivateKey)

        /// `SerializePublicKey`: the raw X25519 key, or the uncompressed point.
        var publicKey: [UInt8] {
            switch self {
            case .x25519(let key): Array(key.publicKey.rawRepresentation)
            case .p256(let key): Array(key.publicKey.x963Representation)
            case .p384(let key): Array(key.publicKey.x963Representation)
            case .p521(let key): Array(key.publicKey.x963Representation)
            }
        }

        /// `DH(sk, pk)` with a serialized public key.
        func diffieHellman(with publicKey: [UInt8]) throws -> [UInt8] {
            let secret =
                switch self {
                case .x25519(let key):
                    try key.sharedSecretFromKeyAgreement(with: .init(rawRepresentation: publicKey))
                case .p256(let key): try key.sharedSecretFromKeyAgreement(with: .init(x963Representation: publicKey))
                case .p384(let key): try key.sharedSecretFromKeyAgreement(with: .init(x963Representation: publicKey))
                case .p521(let key): try key.sharedSecretFromKeyAgreement(with: .init(x963Representation: publicKey))
                }
            return secret.withUnsafeBytes { Array($0) }
        }
    }

    /// The backend key of a serialized HPKE private key; an ECDH scalar may lack leading zero bytes.
    private func agreementKey(_ privateKey: [UInt8]) throws -> AgreementKey {
        switch curve {
        case .x25519: .x25519(try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: privateKey))
        case .p256: .p256(try P256.KeyAgreement.PrivateKey(rawRepresentation: scalar(privateKey)))
        case .p384: .p384(try P384.KeyAgreement.PrivateKey(rawRepresentation: scalar(privateKey)))
        case .p521: .p521(try P521.KeyAgreement.PrivateKey(rawRepresentation: scalar(privateKey)))
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

    /// Base mode on the suite's DH (RFC 9180 §4.1), for the sender side.
    var hpke: HPKEBaseMode {
        let secretLength =
            switch curve {
            case .x25519, .p256: 32
            case .p384: 48
            case .p521: 64
            }
        return HPKEBaseMode(
            kemID: kemID, kemHash: kemHash, kemSecretLength: secretLength, kdfHash: hashAlgorithm, aead: aead)
    }

    /// The Diffie-Hellman half of RFC 9180 §4.1 `Encap`, with an ephemeral key from the suite's random source.
    func ephemeralDiffieHellman(with publicKey: [UInt8]) throws(CryptoError) -> (enc: [UInt8], dh: [UInt8]) {
        let ephemeral = try freshKey(makeKey: agreementKey).key
        do {
            return (ephemeral.publicKey, try ephemeral.diffieHellman(with: publicKey))
        } catch {
            throw .invalidKey("HPKE public key: \(error)")
        }
    }

    // MARK: Receiving, on swift-crypto's HPKE

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

    /// `SetupBaseR` with the suite's KEM.
    private func hpkeRecipient(privateKey: [UInt8], kemOutput: [UInt8], info: [UInt8]) throws -> HPKE.Recipient {
        let (suite, info, enc) = (hpkeSuite, Data(info), Data(kemOutput))
        return switch try agreementKey(privateKey) {
        case .x25519(let key): try HPKE.Recipient(privateKey: key, ciphersuite: suite, info: info, encapsulatedKey: enc)
        case .p256(let key): try HPKE.Recipient(privateKey: key, ciphersuite: suite, info: info, encapsulatedKey: enc)
        case .p384(let key): try HPKE.Recipient(privateKey: key, ciphersuite: suite, info: info, encapsulatedKey: enc)
        case .p521(let key): try HPKE.Recipient(privateKey: key, ciphersuite: suite, info: info, encapsulatedKey: enc)
        }
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

    // MARK: Key pairs

    /// RFC 9180 §7.1.3.
    func deriveHPKEKeyPair(ikm: [UInt8]) throws(CryptoError) -> HPKEKeyPair {
        let kdf = HPKELabeledKDF(hash: kemHash, suiteID: HPKELabeledKDF.kemSuiteID(kemID))
        let dkpPRK = kdf.labeledExtract(salt: [], label: "dkp_prk", ikm: ikm)
        if curve == .x25519 {
            let sk = try kdf.labeledExpand(prk: dkpPRK, label: "sk", info: [], length: 32)
            return HPKEKeyPair(privateKey: sk, publicKey: try hpkePublicKey(privateKey: sk))
        }
        let (privateKey, key) = try firstValidKey(
            candidate: { (counter) throws(CryptoError) in
                try kdf.labeledExpand(prk: dkpPRK, label: "candidate", info: [counter], length: privateKeyLength)
            },
            makeKey: agreementKey)
        return HPKEKeyPair(privateKey: privateKey, publicKey: key.publicKey)
    }

    /// A fresh key pair from the suite's random source.
    func generateHPKEKeyPair() throws(CryptoError) -> HPKEKeyPair {
        let (privateKey, key) = try freshKey(makeKey: agreementKey)
        return HPKEKeyPair(privateKey: privateKey, publicKey: key.publicKey)
    }

    func hpkePublicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        do {
            return try agreementKey(privateKey).publicKey
        } catch {
            throw .invalidKey("HPKE private key: \(error)")
        }
    }
}
