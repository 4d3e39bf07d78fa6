import Crypto

/// The AEADs of the RFC 9420 suites (§5.1, §17.1), on swift-crypto.
///
/// Ciphertexts are the encrypted bytes followed by the 16-byte tag, as RFC 5116 and HPKE
/// (RFC 9180 §5.2) lay them out.
enum AEADAlgorithm: Sendable {
    case aes128GCM, aes256GCM, chaCha20Poly1305

    /// `Nk`.
    var keyLength: Int { self == .aes128GCM ? 16 : 32 }
    /// `Nn`.
    var nonceLength: Int { 12 }
    /// `Nt`.
    var tagLength: Int { 16 }

    /// The RFC 9180 §7.3 AEAD identifier.
    var hpkeID: UInt16 {
        switch self {
        case .aes128GCM: 0x0001
        case .aes256GCM: 0x0002
        case .chaCha20Poly1305: 0x0003
        }
    }

    /// Encrypts and authenticates; returns ciphertext followed by the tag.
    func seal(key: [UInt8], nonce: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard key.count == keyLength else { throw .invalidKey("AEAD key must be \(keyLength) bytes") }
        do {
            let symmetricKey = SymmetricKey(data: key)
            switch self {
            case .aes128GCM, .aes256GCM:
                let box = try AES.GCM.seal(plaintext, using: symmetricKey, nonce: AES.GCM.Nonce(data: nonce),
                                           authenticating: aad)
                return Array(box.ciphertext) + Array(box.tag)
            case .chaCha20Poly1305:
                let box = try ChaChaPoly.seal(plaintext, using: symmetricKey, nonce: ChaChaPoly.Nonce(data: nonce),
                                              authenticating: aad)
                return Array(box.ciphertext) + Array(box.tag)
            }
        } catch {
            throw .backend("AEAD seal: \(error)")
        }
    }

    /// Decrypts ciphertext followed by the tag.
    /// - Throws: `CryptoError.decryptionFailed` for a short input, a wrong nonce length or a failed tag check.
    func open(key: [UInt8], nonce: [UInt8], aad: [UInt8], ciphertext: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard key.count == keyLength else { throw .invalidKey("AEAD key must be \(keyLength) bytes") }
        guard ciphertext.count >= tagLength, nonce.count == nonceLength else { throw .decryptionFailed }
        let body = ciphertext.dropLast(tagLength)
        let tag = ciphertext.suffix(tagLength)
        do {
            let symmetricKey = SymmetricKey(data: key)
            switch self {
            case .aes128GCM, .aes256GCM:
                let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce), ciphertext: body, tag: tag)
                return Array(try AES.GCM.open(box, using: symmetricKey, authenticating: aad))
            case .chaCha20Poly1305:
                let box = try ChaChaPoly.SealedBox(nonce: ChaChaPoly.Nonce(data: nonce), ciphertext: body, tag: tag)
                return Array(try ChaChaPoly.open(box, using: symmetricKey, authenticating: aad))
            }
        } catch {
            throw .decryptionFailed
        }
    }
}
