internal import COpenSSL

/// X448 (RFC 7748 §5) and Ed448 (RFC 8032 §5.2) on OpenSSL's libcrypto, the two curves
/// swift-crypto lacks; suites 4 and 6 (RFC 9420 §17.1) use them.
///
/// Keys and signatures are the raw byte strings of those RFCs: X448 keys are 56 bytes,
/// Ed448 keys 57 bytes and Ed448 signatures 114 bytes. Ed448 is the pure variant with an
/// empty context string, as RFC 9420 §5.1.2 requires.
enum OpenSSLCurve448 {
    static let x448KeyLength = 56
    static let ed448KeyLength = 57
    static let ed448SignatureLength = 114

    /// The X448 public key of a private key (the scalar is clamped by the function itself).
    static func x448PublicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard privateKey.count == x448KeyLength else { throw .invalidKey("X448 private key must be 56 bytes") }
        return try EVPKey(privateKey: privateKey, type: EVP_PKEY_X448, name: "X448").rawPublicKey()
    }

    /// The X448 function: the shared secret of a private and a peer's public key.
    /// - Throws: `CryptoError.invalidKey` for a malformed key or a low-order peer key, whose
    ///   shared secret is all zeros (RFC 7748 §6.2, RFC 9180 §7.1.4).
    static func x448(privateKey: [UInt8], publicKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard privateKey.count == x448KeyLength else { throw .invalidKey("X448 private key must be 56 bytes") }
        guard publicKey.count == x448KeyLength else { throw .invalidKey("X448 public key must be 56 bytes") }
        let own = try EVPKey(privateKey: privateKey, type: EVP_PKEY_X448, name: "X448")
        let peer = try EVPKey(publicKey: publicKey, type: EVP_PKEY_X448, name: "X448")
        guard let context = EVP_PKEY_CTX_new(own.pointer, nil) else { throw failure("EVP_PKEY_CTX_new") }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_derive_init(context) == 1 else { throw failure("EVP_PKEY_derive_init") }
        guard EVP_PKEY_derive_set_peer(context, peer.pointer) == 1 else {
            throw failure("EVP_PKEY_derive_set_peer", as: CryptoError.invalidKey)
        }
        var length = x448KeyLength
        var secret = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_derive(context, &secret, &length) == 1, length == x448KeyLength else {
            throw failure("X448", as: CryptoError.invalidKey)
        }
        guard secret.contains(where: { $0 != 0 }) else { throw .invalidKey("X448 shared secret is all zeros") }
        return secret
    }

    /// The Ed448 public key of a private key.
    static func ed448PublicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard privateKey.count == ed448KeyLength else { throw .invalidKey("Ed448 private key must be 57 bytes") }
        return try EVPKey(privateKey: privateKey, type: EVP_PKEY_ED448, name: "Ed448").rawPublicKey()
    }

    /// A pure Ed448 signature with an empty context.
    static func ed448Sign(privateKey: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard privateKey.count == ed448KeyLength else { throw .invalidKey("Ed448 private key must be 57 bytes") }
        let key = try EVPKey(privateKey: privateKey, type: EVP_PKEY_ED448, name: "Ed448")
        guard let context = EVP_MD_CTX_new() else { throw failure("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, nil, nil, key.pointer) == 1 else {
            throw failure("EVP_DigestSignInit", as: CryptoError.signingFailed)
        }
        var length = ed448SignatureLength
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1,
              length == ed448SignatureLength
        else { throw failure("Ed448 sign", as: CryptoError.signingFailed) }
        return signature
    }

    /// Checks a pure Ed448 signature; a malformed key or signature gives `false`.
    static func ed448Verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool {
        guard publicKey.count == ed448KeyLength, signature.count == ed448SignatureLength,
              let key = try? EVPKey(publicKey: publicKey, type: EVP_PKEY_ED448, name: "Ed448"),
              let context = EVP_MD_CTX_new()
        else {
            ERR_clear_error()
            return false
        }
        defer { EVP_MD_CTX_free(context) }
        let valid = EVP_DigestVerifyInit(context, nil, nil, nil, key.pointer) == 1
            && EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
        ERR_clear_error()
        return valid
    }

    /// Maps libcrypto's error queue to a `CryptoError`, emptying the queue.
    private static func failure(
        _ operation: String, as kind: (String) -> CryptoError = CryptoError.backend
    ) -> CryptoError {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return kind(reasons.isEmpty ? operation : "\(operation): \(reasons.joined(separator: "; "))")
    }

    /// Owns one `EVP_PKEY`, freed with the wrapper.
    private final class EVPKey {
        let pointer: OpaquePointer

        init(privateKey: [UInt8], type: Int32, name: String) throws(CryptoError) {
            guard let pointer = EVP_PKEY_new_raw_private_key(type, nil, privateKey, privateKey.count) else {
                throw OpenSSLCurve448.failure("\(name) private key", as: CryptoError.invalidKey)
            }
            self.pointer = pointer
        }

        init(publicKey: [UInt8], type: Int32, name: String) throws(CryptoError) {
            guard let pointer = EVP_PKEY_new_raw_public_key(type, nil, publicKey, publicKey.count) else {
                throw OpenSSLCurve448.failure("\(name) public key", as: CryptoError.invalidKey)
            }
            self.pointer = pointer
        }

        deinit { EVP_PKEY_free(pointer) }

        func rawPublicKey() throws(CryptoError) -> [UInt8] {
            var length = 0
            guard EVP_PKEY_get_raw_public_key(pointer, nil, &length) == 1 else {
                throw OpenSSLCurve448.failure("EVP_PKEY_get_raw_public_key")
            }
            var key = [UInt8](repeating: 0, count: length)
            guard EVP_PKEY_get_raw_public_key(pointer, &key, &length) == 1 else {
                throw OpenSSLCurve448.failure("EVP_PKEY_get_raw_public_key")
            }
            return Array(key.prefix(length))
        }
    }
}
