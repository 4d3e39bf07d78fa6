import Crypto

extension SwiftCryptoSuite {
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

    /// The backend key of a serialized signature private key; an ECDSA scalar may lack leading zero bytes.
    private func signingKey(_ privateKey: [UInt8]) throws -> SigningKey {
        switch signature {
        case .ed25519: .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey))
        case .p256: .p256(try P256.Signing.PrivateKey(rawRepresentation: scalar(privateKey)))
        case .p384: .p384(try P384.Signing.PrivateKey(rawRepresentation: scalar(privateKey)))
        case .p521: .p521(try P521.Signing.PrivateKey(rawRepresentation: scalar(privateKey)))
        }
    }

    func sign(privateKey: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try prepareSigningKey(privateKey: privateKey).sign(message)
    }

    func prepareSigningKey(privateKey: [UInt8]) throws(CryptoError) -> any PreparedSigningKey {
        do {
            return try signingKey(privateKey)
        } catch {
            throw .signingFailed("\(error)")
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

    /// A fresh key pair from the suite's random source.
    func generateSignatureKeyPair() throws(CryptoError) -> SignatureKeyPair {
        let (privateKey, key) = try freshKey(makeKey: signingKey)
        return SignatureKeyPair(privateKey: privateKey, publicKey: key.publicKey)
    }

    func signaturePublicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        do {
            return try signingKey(privateKey).publicKey
        } catch {
            throw .invalidKey("signature private key: \(error)")
        }
    }
}
