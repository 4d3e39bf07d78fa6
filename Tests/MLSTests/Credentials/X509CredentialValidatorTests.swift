import Crypto
import Foundation
import MLS
import Testing
import X509

/// A CA and an end-entity certificate, generated for the test.
private struct TestPKI {
    let root: X509.Certificate
    let leafDER: [UInt8]
    let caDER: [UInt8]
    /// The MLS encoding of the leaf's public key.
    let mlsSignatureKey: [UInt8]

    static let notBefore = Date(timeIntervalSince1970: 1_700_000_000)
    static let notAfter = Date(timeIntervalSince1970: 1_800_000_000)

    enum KeyKind { case p256, ed25519 }

    init(_ kind: KeyKind) throws {
        let caKey: X509.Certificate.PrivateKey
        let leafPublic: X509.Certificate.PublicKey
        let algorithm: X509.Certificate.SignatureAlgorithm
        switch kind {
        case .p256:
            caKey = .init(P256.Signing.PrivateKey())
            let leafKey = P256.Signing.PrivateKey()
            leafPublic = .init(leafKey.publicKey)
            mlsSignatureKey = Array(leafKey.publicKey.x963Representation)
            algorithm = .ecdsaWithSHA256
        case .ed25519:
            caKey = .init(Curve25519.Signing.PrivateKey())
            let leafKey = Curve25519.Signing.PrivateKey()
            leafPublic = .init(leafKey.publicKey)
            mlsSignatureKey = Array(leafKey.publicKey.rawRepresentation)
            algorithm = .ed25519
        }
        let caName = try DistinguishedName { CommonName("MLSGate Test CA") }
        root = try X509.Certificate(
            version: .v3, serialNumber: .init(), publicKey: caKey.publicKey, notValidBefore: Self.notBefore,
            notValidAfter: Self.notAfter, issuer: caName, subject: caName, signatureAlgorithm: algorithm,
            extensions: try X509.Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                KeyUsage(keyCertSign: true)
            },
            issuerPrivateKey: caKey)
        let leaf = try X509.Certificate(
            version: .v3, serialNumber: .init(), publicKey: leafPublic, notValidBefore: Self.notBefore,
            notValidAfter: Self.notAfter, issuer: caName,
            subject: try DistinguishedName { CommonName("alice@example.org") }, signatureAlgorithm: algorithm,
            extensions: try X509.Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                KeyUsage(digitalSignature: true)
            },
            issuerPrivateKey: caKey)
        leafDER = try leaf.serializeAsPEM().derBytes
        caDER = try root.serializeAsPEM().derBytes
    }

    var credential: Credential { .x509(certificates: [MLS.Certificate(data: leafDER)]) }
}

struct X509CredentialValidatorTests {
    private static let validTime = Date(timeIntervalSince1970: 1_750_000_000)

    private func validator(trusting roots: [X509.Certificate], at time: Date = validTime) -> X509CredentialValidator {
        X509CredentialValidator(trustRoots: roots, validationTime: { time })
    }

    @Test func acceptsAP256ChainToATrustedRoot() async throws {
        let pki = try TestPKI(.p256)
        let result = await validator(trusting: [pki.root]).validate(
            pki.credential, signatureKey: pki.mlsSignatureKey, suite: .mls128DHKEMP256AES128GCMSHA256P256)
        guard case .valid(let identity) = result else { Issue.record("refused: \(result)"); return }
        #expect(String(decoding: identity, as: UTF8.self).contains("alice@example.org"))
    }

    @Test func acceptsAnEd25519ChainThatCarriesItsCA() async throws {
        let pki = try TestPKI(.ed25519)
        let credential = Credential.x509(certificates: [.init(data: pki.leafDER), .init(data: pki.caDER)])
        let suites: [CipherSuite] = [
            .mls128DHKEMX25519AES128GCMSHA256Ed25519, .mls128DHKEMX25519ChaCha20Poly1305SHA256Ed25519,
        ]
        for suite in suites {
            let result = await validator(trusting: [pki.root]).validate(
                credential, signatureKey: pki.mlsSignatureKey, suite: suite)
            #expect(result.isValid, "\(result)")
        }
    }

    @Test func refusesAChainToAnUntrustedRoot() async throws {
        let pki = try TestPKI(.p256)
        let stranger = try TestPKI(.p256)
        let result = await validator(trusting: [stranger.root]).validate(
            pki.credential, signatureKey: pki.mlsSignatureKey, suite: .mls128DHKEMP256AES128GCMSHA256P256)
        #expect(result == .invalid(reason: "the certificate chain does not verify to a trust root"))
    }

    @Test func refusesACertificateWhoseKeyIsNotTheSignatureKey() async throws {
        let pki = try TestPKI(.ed25519)
        let otherKey = Array(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)
        let result = await validator(trusting: [pki.root]).validate(
            pki.credential, signatureKey: otherKey, suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        #expect(result == .invalid(reason: "the certificate key differs from the signature key"))
    }

    @Test func refusesAKeyOfAnotherSignatureScheme() async throws {
        let pki = try TestPKI(.p256)
        let result = await validator(trusting: [pki.root]).validate(
            pki.credential, signatureKey: pki.mlsSignatureKey, suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        guard case .invalid(let reason) = result else { Issue.record("accepted"); return }
        #expect(reason.contains("is not a"))
    }

    @Test func refusesAnExpiredCertificate() async throws {
        let pki = try TestPKI(.p256)
        let late = Date(timeIntervalSince1970: 1_900_000_000)
        let result = await validator(trusting: [pki.root], at: late).validate(
            pki.credential, signatureKey: pki.mlsSignatureKey, suite: .mls128DHKEMP256AES128GCMSHA256P256)
        #expect(result == .invalid(reason: "the certificate chain does not verify to a trust root"))
    }

    @Test func refusesMalformedAndEmptyChainsAndBasicCredentials() async throws {
        let pki = try TestPKI(.p256)
        let suite = CipherSuite.mls128DHKEMP256AES128GCMSHA256P256
        let validator = validator(trusting: [pki.root])
        let malformed = await validator.validate(
            .x509(certificates: [.init(data: Array(pki.leafDER.dropLast()))]), signatureKey: pki.mlsSignatureKey,
            suite: suite)
        let empty = await validator.validate(.x509(certificates: []), signatureKey: pki.mlsSignatureKey, suite: suite)
        let basic = await validator.validate(.basic(identity: [1]), signatureKey: pki.mlsSignatureKey, suite: suite)
        #expect(!malformed.isValid && !empty.isValid && !basic.isValid)
    }
}
