import Crypto
import struct Foundation.Date
@_spi(FixedExpiryValidationTime) import X509

/// A validator for X.509 credentials (RFC 9420 §5.3), on swift-certificates.
///
/// A credential is valid when:
/// - its chain (end-entity certificate first, §5.3) parses;
/// - the chain verifies up to one of the configured trust roots under the RFC 5280 policy at the
///   validation time, with the other chain entries as candidate intermediates;
/// - the end-entity certificate's `subjectPublicKeyInfo` holds exactly the leaf's `signature_key`, in
///   the suite's signature scheme (§5.1.1: a raw Ed25519 key, an uncompressed ECDSA point);
/// - an identity can be read from the end-entity certificate.
///
/// Ed448 (suites 4 and 6) keys are not supported by swift-certificates, so such credentials are refused.
public struct X509CredentialValidator: CredentialValidator {
    /// Reads the presented identity from a validated end-entity certificate; nil refuses the credential.
    public typealias IdentityExtractor = @Sendable (X509.Certificate) -> [UInt8]?

    private let trustRoots: [X509.Certificate]
    private let validationTime: @Sendable () -> Date
    private let identity: IdentityExtractor

    /// - Parameters:
    ///   - trustRoots: The certificate authorities whose chains are accepted.
    ///   - validationTime: Supplies the time at which certificate validity is checked; the MLS core never
    ///     reads the clock itself.
    ///   - identity: Reads the identity; by default the UTF-8 text of the subject distinguished name.
    public init(
        trustRoots: [X509.Certificate],
        validationTime: @escaping @Sendable () -> Date,
        identity: @escaping IdentityExtractor = { Array(String(describing: $0.subject).utf8) }
    ) {
        self.trustRoots = trustRoots
        self.validationTime = validationTime
        self.identity = identity
    }

    public func validate(_ credential: Credential, signatureKey: [UInt8], suite: CipherSuite) async
        -> CredentialValidationResult
    {
        guard case .x509(let entries) = credential else {
            return .invalid(reason: "credential type \(credential.type.rawValue) is not x509")
        }
        guard !entries.isEmpty else { return .invalid(reason: "empty certificate chain") }
        var chain: [X509.Certificate] = []
        for (index, entry) in entries.enumerated() {
            do {
                chain.append(try X509.Certificate(derEncoded: entry.data))
            } catch {
                return .invalid(reason: "certificate \(index) does not parse: \(error)")
            }
        }
        let leaf = chain[0]

        guard let certifiedKey = Self.signatureKey(of: leaf.publicKey, suite: suite) else {
            return .invalid(reason: "the certificate key is not a \(suite) signature key")
        }
        guard certifiedKey == signatureKey else {
            return .invalid(reason: "the certificate key differs from the signature key")
        }

        let time = validationTime()
        var verifier = Verifier(rootCertificates: CertificateStore(trustRoots)) {
            RFC5280Policy(fixedExpiryValidationTime: time)
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(chain.dropFirst()))
        guard case .validCertificate = result else {
            return .invalid(reason: "the certificate chain does not verify to a trust root")
        }
        guard let presented = identity(leaf) else { return .invalid(reason: "no identity in the certificate") }
        return .valid(identity: presented)
    }

    /// The MLS `SignaturePublicKey` encoding of a certificate key, for the suite's signature scheme.
    static func signatureKey(of key: X509.Certificate.PublicKey, suite: CipherSuite) -> [UInt8]? {
        switch suite {
        case .mls128DHKEMX25519AES128GCMSHA256Ed25519, .mls128DHKEMX25519ChaCha20Poly1305SHA256Ed25519:
            Curve25519.Signing.PublicKey(key).map { Array($0.rawRepresentation) }
        case .mls128DHKEMP256AES128GCMSHA256P256:
            P256.Signing.PublicKey(key).map { Array($0.x963Representation) }
        case .mls256DHKEMP384AES256GCMSHA384P384:
            P384.Signing.PublicKey(key).map { Array($0.x963Representation) }
        case .mls256DHKEMP521AES256GCMSHA512P521:
            P521.Signing.PublicKey(key).map { Array($0.x963Representation) }
        default:
            nil
        }
    }
}
