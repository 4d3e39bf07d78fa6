/// A key pair for HPKE (RFC 9180), in the suite's serialized formats.
public struct HPKEKeyPair: Sendable, Equatable {
    /// `SerializePrivateKey` output.
    public var privateKey: [UInt8]
    /// `SerializePublicKey` output, as in `HPKEPublicKey`.
    public var publicKey: [UInt8]

    public init(privateKey: [UInt8], publicKey: [UInt8]) {
        self.privateKey = privateKey
        self.publicKey = publicKey
    }
}

/// A signature key pair in the formats of RFC 9420 §5.1.1 and the test-vector README.
public struct SignatureKeyPair: Sendable {
    public var privateKey: [UInt8] {
        didSet { preparedKeys = PreparedSigningKeys() }
    }
    /// As carried in `SignaturePublicKey`.
    public var publicKey: [UInt8]
    /// The private key as the backend signs with it, made at the first signature; not part of
    /// the key pair's value.
    private(set) var preparedKeys = PreparedSigningKeys()

    public init(privateKey: [UInt8], publicKey: [UInt8]) {
        self.privateKey = privateKey
        self.publicKey = publicKey
    }
}

extension SignatureKeyPair: Equatable {
    public static func == (lhs: SignatureKeyPair, rhs: SignatureKeyPair) -> Bool {
        lhs.privateKey == rhs.privateKey && lhs.publicKey == rhs.publicKey
    }
}

/// The primitives of one cipher suite (RFC 9420 §5.1): a hash, a KDF, an AEAD,
/// HPKE in base mode, and a signature scheme.
///
/// The labeled operations MLS builds on these (ExpandWithLabel, SignWithLabel, …)
/// live in extensions, so that every provider shares them.
public protocol CipherSuiteProvider: Sendable {
    var suite: CipherSuite { get }

    /// Output length of the hash, which is also the KDF's `Nh`.
    var hashLength: Int { get }
    /// `Nk` of the AEAD.
    var aeadKeyLength: Int { get }
    /// `Nn` of the AEAD.
    var aeadNonceLength: Int { get }

    func hash(_ data: [UInt8]) -> [UInt8]
    /// HMAC with the suite's hash (RFC 9420 §5.1: `MAC`).
    func mac(key: [UInt8], data: [UInt8]) -> [UInt8]

    /// HKDF-Extract.
    func kdfExtract(salt: [UInt8], ikm: [UInt8]) -> [UInt8]
    /// HKDF-Expand.
    func kdfExpand(prk: [UInt8], info: [UInt8], length: Int) throws(CryptoError) -> [UInt8]

    /// AEAD encryption; returns ciphertext followed by the tag.
    func aeadSeal(key: [UInt8], nonce: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError) -> [UInt8]
    /// AEAD decryption of ciphertext followed by the tag.
    func aeadOpen(key: [UInt8], nonce: [UInt8], aad: [UInt8], ciphertext: [UInt8]) throws(CryptoError) -> [UInt8]

    /// HPKE base-mode single-shot encryption (`SealBase`).
    func hpkeSeal(publicKey: [UInt8], info: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError)
        -> HPKECiphertext
    /// `SealBase` of one plaintext to each public key, all under one `info` (RFC 9420 §12.4.3.1:
    /// a Welcome's GroupSecrets); the key-schedule context of `info` is computed once.
    func hpkeSeal(publicKeys: [[UInt8]], info: [UInt8], aad: [UInt8], plaintexts: [[UInt8]]) throws(CryptoError)
        -> [HPKECiphertext]
    /// HPKE base-mode single-shot decryption (`OpenBase`).
    func hpkeOpen(privateKey: [UInt8], ciphertext: HPKECiphertext, info: [UInt8], aad: [UInt8]) throws(CryptoError)
        -> [UInt8]
    /// RFC 9180 §5.3: `SetupBaseS(publicKey, info)`, then `Export(exporterContext, length)`.
    /// - Returns: the KEM output (`enc`) and the exported secret.
    func hpkeExportSender(publicKey: [UInt8], info: [UInt8], exporterContext: [UInt8], length: Int)
        throws(CryptoError) -> (kemOutput: [UInt8], secret: [UInt8])
    /// RFC 9180 §5.3: `SetupBaseR(kemOutput, privateKey, info)`, then `Export(exporterContext, length)`.
    func hpkeExportReceiver(
        privateKey: [UInt8], kemOutput: [UInt8], info: [UInt8], exporterContext: [UInt8], length: Int
    ) throws(CryptoError) -> [UInt8]
    /// RFC 9180 §7.1.3 `DeriveKeyPair` for the suite's KEM.
    func deriveHPKEKeyPair(ikm: [UInt8]) throws(CryptoError) -> HPKEKeyPair
    /// A fresh random HPKE key pair.
    func generateHPKEKeyPair() throws(CryptoError) -> HPKEKeyPair
    /// The public key that belongs to a serialized HPKE private key.
    func hpkePublicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8]

    /// Signs with the suite's signature scheme (no MLS label).
    func sign(privateKey: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8]
    /// Verifies a signature; any malformed key or signature yields `false`.
    func verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool
    func generateSignatureKeyPair() throws(CryptoError) -> SignatureKeyPair
    /// The public key that belongs to a signature private key.
    func signaturePublicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8]

    /// Cryptographically secure random bytes.
    func randomBytes(count: Int) -> [UInt8]
}

/// Supplies a `CipherSuiteProvider` for each suite it implements.
public protocol CryptoProvider: Sendable {
    /// The suites this provider implements.
    var supportedCipherSuites: [CipherSuite] { get }
    /// - Throws: `CryptoError.unsupportedCipherSuite` for a suite it does not implement.
    func provider(for suite: CipherSuite) throws(CryptoError) -> any CipherSuiteProvider
}
