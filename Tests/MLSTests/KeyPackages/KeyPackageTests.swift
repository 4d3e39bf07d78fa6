import Foundation
import MLS
import MLSTestSupport
import Testing

struct KeyPackageTests {
    let fixture: LeafNodeFixture
    let crypto = DefaultCryptoProvider()
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    init() throws { fixture = try LeafNodeFixture() }

    private func validate(_ keyPackage: UnverifiedKeyPackage, maximumLifetime: UInt64? = nil) throws(KeyPackageError) {
        _ = try KeyPackage(
            validating: keyPackage, cipherSuite: fixture.suite, crypto: crypto, now: now,
            maximumLifetime: maximumLifetime)
    }

    @Test(arguments: CipherSuite.allDefined)
    func createdKeyPackageValidatesAndRoundTrips(suite: CipherSuite) throws {
        let fixture = try LeafNodeFixture(suite: suite)
        let bundle = try fixture.bundle()
        let decoded = try UnverifiedKeyPackage(tlsEncoded: bundle.keyPackage.tlsEncoded)
        #expect(decoded == bundle.keyPackage)
        let validated = try KeyPackage(validating: decoded, cipherSuite: suite, crypto: crypto, now: now)
        #expect(validated.ref == bundle.ref)
        #expect(validated.ref.bytes.count == fixture.provider.hashLength)
        #expect(validated.tlsEncoded == bundle.keyPackage.tlsEncoded)
        // The private keys match the published public keys.
        let initPublic = try fixture.provider.hpkePublicKey(privateKey: bundle.initPrivateKey)
        let encryptionPublic = try fixture.provider.hpkePublicKey(privateKey: bundle.encryptionPrivateKey)
        #expect(initPublic == bundle.keyPackage.initKey)
        #expect(encryptionPublic == bundle.keyPackage.leafNode.encryptionKey)
        #expect(try fixture.bundle().ref != bundle.ref)
    }

    @Test func creationRefusesCapabilitiesWithoutTheSuite() throws {
        var capabilities = fixture.capabilities
        capabilities.cipherSuites = [.mls128DHKEMP256AES128GCMSHA256P256]
        #expect(throws: KeyPackageError.capabilitiesOmitOwnSuite(fixture.suite)) {
            _ = try KeyPackageBundle(
                provider: fixture.provider, credential: .basic(identity: [1]),
                signatureKeyPair: fixture.signatureKeyPair, capabilities: capabilities,
                lifetime: LeafNodeFixture.wideLifetime)
        }
    }

    @Test func creationReportsABadSignatureKey() throws {
        let badKeys = SignatureKeyPair(privateKey: [1, 2, 3], publicKey: [4, 5, 6])
        #expect(throws: KeyPackageError.self) {
            _ = try KeyPackageBundle(
                provider: fixture.provider, credential: .basic(identity: [1]), signatureKeyPair: badKeys,
                capabilities: fixture.capabilities, lifetime: LeafNodeFixture.wideLifetime)
        }
    }

    /// A well-formed private key with another pair's public key makes signatures that do not
    /// verify under the leaf's `signature_key`: creation still refuses them.
    @Test(arguments: CipherSuite.allDefined)
    func creationRejectsAPublicKeyOfAnotherPair(suite: CipherSuite) throws {
        let fixture = try LeafNodeFixture(suite: suite)
        let other = try fixture.provider.generateSignatureKeyPair()
        let mismatched = SignatureKeyPair(privateKey: fixture.signatureKeyPair.privateKey, publicKey: other.publicKey)
        #expect(throws: KeyPackageError.invalidLeafNode(.invalidSignature)) {
            _ = try KeyPackageBundle(
                provider: fixture.provider, credential: .basic(identity: [1]), signatureKeyPair: mismatched,
                capabilities: fixture.capabilities, lifetime: LeafNodeFixture.wideLifetime)
        }
    }

    @Test func unsupportedSuiteIsACryptoError() throws {
        let keyPackage = try fixture.keyPackage()
        let unknown = CipherSuite(rawValue: 0x0A0A)
        #expect(throws: KeyPackageError.crypto(.unsupportedCipherSuite(unknown))) {
            _ = try KeyPackage(validating: keyPackage, cipherSuite: unknown, crypto: crypto, now: now)
        }
    }

    @Test func val_kp_01_rejectsAnotherVersion() throws {
        let keyPackage = try fixture.keyPackage { $0.version = ProtocolVersion(rawValue: 2) }
        #expect(throws: KeyPackageError.unsupportedVersion(ProtocolVersion(rawValue: 2))) { try validate(keyPackage) }
    }

    @Test func val_kp_02_rejectsAnotherCipherSuite() throws {
        let keyPackage = try fixture.keyPackage()
        let other = CipherSuite.mls128DHKEMX25519ChaCha20Poly1305SHA256Ed25519
        #expect(throws: KeyPackageError.cipherSuiteMismatch(expected: other, actual: fixture.suite)) {
            _ = try KeyPackage(validating: keyPackage, cipherSuite: other, crypto: crypto, now: now)
        }
    }

    @Test func val_kp_03_rejectsABadSignature() throws {
        var keyPackage = try fixture.keyPackage()
        keyPackage.signature[3] ^= 0x40
        #expect(throws: KeyPackageError.invalidSignature) { try validate(keyPackage) }
    }

    @Test func val_kp_03_rejectsASignatureByAnotherKey() throws {
        var keyPackage = try fixture.keyPackage()
        let other = try fixture.provider.generateSignatureKeyPair()
        try keyPackage.resign(privateKey: other.privateKey, provider: fixture.provider)
        #expect(throws: KeyPackageError.invalidSignature) { try validate(keyPackage) }
    }

    @Test func val_kp_04_rejectsAnInvalidLeafNode() throws {
        let updateLeaf = try fixture.keyPackage { $0.leafNode.source = .update }
        #expect(throws: KeyPackageError.invalidLeafNode(.unexpectedSource(expected: 1, actual: 2))) {
            try validate(updateLeaf)
        }
        var badLeafSignature = try fixture.keyPackage()
        badLeafSignature.leafNode.signature[0] ^= 1
        try badLeafSignature.resign(privateKey: fixture.signatureKeyPair.privateKey, provider: fixture.provider)
        #expect(throws: KeyPackageError.invalidLeafNode(.invalidSignature)) { try validate(badLeafSignature) }
    }

    @Test func val_kp_04_rejectsAnExpiredOrTooLongLifetime() throws {
        let expired = Lifetime(notBefore: 1_000, notAfter: 1_600_000_000)
        let keyPackage = try fixture.keyPackage { $0.leafNode.source = .keyPackage(expired) }
        #expect(throws: KeyPackageError.invalidLeafNode(.lifetimeNotCurrent(expired))) { try validate(keyPackage) }

        let current = try fixture.keyPackage()
        let maximum: UInt64 = 30 * 24 * 3600
        let tooLong = LeafNodeValidationError.lifetimeTooLong(LeafNodeFixture.wideLifetime, maximum: maximum)
        #expect(throws: KeyPackageError.invalidLeafNode(tooLong)) {
            try validate(current, maximumLifetime: maximum)
        }
    }

    @Test func val_kp_05_rejectsAnInitKeyEqualToTheEncryptionKey() throws {
        let keyPackage = try fixture.keyPackage { $0.initKey = $0.leafNode.encryptionKey }
        #expect(throws: KeyPackageError.initKeyEqualsEncryptionKey) { try validate(keyPackage) }
    }

    /// §10: "unknown extensions in `KeyPackage.extensions` MUST be ignored"; the §10.1 list has no check of
    /// them against the capabilities (the rule VAL-KP-06 used to add).
    @Test(arguments: [0x0A0A, 0xEAEA, 0xFF0A] as [UInt16])
    func unlistedKeyPackageExtensionsAreIgnored(type: UInt16) throws {
        let custom = ExtensionType(rawValue: type)
        let keyPackage = try fixture.keyPackage { $0.extensions = [Extension(type: custom, data: [1, 2, 3])] }
        #expect(!keyPackage.leafNode.capabilities.extensions.contains(custom))
        let validated = try KeyPackage(validating: keyPackage, cipherSuite: fixture.suite, crypto: crypto, now: now)
        #expect(validated.keyPackage.extensions == [Extension(type: custom, data: [1, 2, 3])])
    }

    /// §10 asks the creator to list its KeyPackage extensions in the capabilities.
    @Test func creationRefusesAKeyPackageExtensionMissingFromCapabilities() throws {
        let custom = ExtensionType(rawValue: 0xFF0A)
        #expect(throws: KeyPackageError.extensionNotInCapabilities(custom)) {
            _ = try KeyPackageBundle(
                provider: fixture.provider, credential: .basic(identity: [1]),
                signatureKeyPair: fixture.signatureKeyPair, capabilities: fixture.capabilities,
                lifetime: LeafNodeFixture.wideLifetime, extensions: [Extension(type: custom, data: [])])
        }
        var capabilities = fixture.capabilities
        capabilities.extensions = [custom]
        let bundle = try KeyPackageBundle(
            provider: fixture.provider, credential: .basic(identity: [1]), signatureKeyPair: fixture.signatureKeyPair,
            capabilities: capabilities, lifetime: LeafNodeFixture.wideLifetime,
            extensions: [Extension(type: custom, data: [])])
        #expect(bundle.keyPackage.extensions.contains(Extension(type: custom, data: [])))
    }

    @Test func groupContextIsAppliedToTheLeaf() throws {
        let keyPackage = try fixture.keyPackage()
        var context = LeafNodeValidationContext(usage: .commit(groupID: [1], leafIndex: LeafIndex(0)), now: now)
        context.existingSignatureKeys = [keyPackage.leafNode.signatureKey]
        #expect(throws: KeyPackageError.invalidLeafNode(.duplicateSignatureKey)) {
            _ = try KeyPackage(validating: keyPackage, provider: fixture.provider, leafContext: context)
        }
        context.existingSignatureKeys = []
        // The usage is always taken as key_package.
        _ = try KeyPackage(validating: keyPackage, provider: fixture.provider, leafContext: context)
    }
}
