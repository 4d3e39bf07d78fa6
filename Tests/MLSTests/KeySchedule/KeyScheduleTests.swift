import MLS
import Testing

struct KeyScheduleTests {
    static let suites = DefaultCryptoProvider().supportedCipherSuites

    static func context(_ suite: CipherSuite, epoch: UInt64 = 1) -> GroupContext {
        GroupContext(
            version: .mls10, cipherSuite: suite, groupID: Array("room".utf8), epoch: epoch,
            treeHash: [UInt8](repeating: 3, count: 32), confirmedTranscriptHash: [UInt8](repeating: 4, count: 32),
            extensions: [])
    }

    static func schedule(
        _ provider: any CipherSuiteProvider, pskSecret: [UInt8]? = nil, epoch: UInt64 = 1
    ) throws -> KeySchedule {
        let nh = provider.hashLength
        return try KeySchedule(
            initSecret: [UInt8](repeating: 1, count: nh), commitSecret: [UInt8](repeating: 2, count: nh),
            pskSecret: pskSecret ?? [UInt8](repeating: 0, count: nh),
            groupContext: context(provider.suite, epoch: epoch), provider: provider)
    }

    @Test(arguments: suites)
    func joiningFromJoinerSecretGivesTheSameSecrets(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let committed = try Self.schedule(provider)
        let joined = try KeySchedule(
            joinerSecret: committed.joinerSecret, pskSecret: [UInt8](repeating: 0, count: provider.hashLength),
            groupContext: Self.context(suite), provider: provider)
        #expect(joined == committed)
        #expect(committed.epochSecrets.initSecret.count == provider.hashLength)
    }

    @Test(arguments: suites)
    func pskSecretChangesEpochSecretsButNotJoinerSecret(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let plain = try Self.schedule(provider)
        let withPSK = try Self.schedule(provider, pskSecret: [UInt8](repeating: 9, count: provider.hashLength))
        #expect(withPSK.joinerSecret == plain.joinerSecret)
        #expect(withPSK.welcomeSecret != plain.welcomeSecret)
        #expect(withPSK.epochSecrets.encryptionSecret != plain.epochSecrets.encryptionSecret)
    }

    @Test(arguments: suites)
    func groupContextIsBoundIntoJoinerSecret(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        #expect(try Self.schedule(provider, epoch: 2).joinerSecret != Self.schedule(provider).joinerSecret)
    }

    @Test(arguments: suites)
    func epochSecretsAreDistinct(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let s = try Self.schedule(provider).epochSecrets
        let all = [s.senderDataSecret, s.encryptionSecret, s.exporterSecret, s.externalSecret, s.confirmationKey,
                   s.membershipKey, s.resumptionPSK, s.epochAuthenticator, s.initSecret].map { $0.withUnsafeBytes { Array($0) } }
        #expect(Set(all).count == all.count)
        #expect(all.allSatisfy { $0.count == provider.hashLength })
    }

    @Test(arguments: suites)
    func welcomeKeyAndNonceHaveAEADLengths(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let schedule = try Self.schedule(provider)
        #expect(try KeySchedule.welcomeSecret(
            joinerSecret: schedule.joinerSecret, pskSecret: [UInt8](repeating: 0, count: provider.hashLength),
            provider: provider) == schedule.welcomeSecret)
        let (key, nonce) = try KeySchedule.welcomeKeyAndNonce(welcomeSecret: schedule.welcomeSecret, provider: provider)
        #expect(key.count == provider.aeadKeyLength)
        #expect(nonce.count == provider.aeadNonceLength)
        let welcomeSecret = schedule.welcomeSecret.withUnsafeBytes { Array($0) }
        #expect(key == (try provider.expandWithLabel(
            secret: welcomeSecret, label: "key", context: [], length: provider.aeadKeyLength)))
        #expect(nonce == (try provider.expandWithLabel(
            secret: welcomeSecret, label: "nonce", context: [], length: provider.aeadNonceLength)))
    }

    @Test(arguments: suites)
    func externalKeyPairIsDerivedFromExternalSecret(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let secrets = try Self.schedule(provider).epochSecrets
        let pair = try secrets.externalKeyPair(provider: provider)
        #expect(try provider.hpkePublicKey(privateKey: pair.privateKey) == pair.publicKey)
        #expect(try secrets.externalKeyPair(provider: provider) == pair)
        var other = secrets
        other.externalSecret = secrets.membershipKey
        #expect(try other.externalKeyPair(provider: provider).publicKey != pair.publicKey)
    }

    @Test(arguments: suites)
    func exporterDependsOnLabelContextAndLength(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let secrets = try Self.schedule(provider).epochSecrets
        let base = try secrets.export(label: "xmpp room key", context: [1], length: 32, provider: provider)
        #expect(base.count == 32)
        #expect(try secrets.export(label: "xmpp room key", context: [1], length: 32, provider: provider) == base)
        #expect(try secrets.export(label: "other label", context: [1], length: 32, provider: provider) != base)
        #expect(try secrets.export(label: "xmpp room key", context: [2], length: 32, provider: provider) != base)
        let long = try secrets.export(label: "xmpp room key", context: [1], length: 48, provider: provider)
        #expect(long.count == 48)
    }

    @Test func exporterRejectsLengthAbove65535() throws {
        let provider = try DefaultCryptoProvider().provider(for: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        let secrets = try Self.schedule(provider).epochSecrets
        #expect(throws: KeyScheduleError.crypto(.invalidOutputLength(65536))) {
            try secrets.export(label: "x", context: [], length: 65536, provider: provider)
        }
    }

    @Test func expandWithLabelRejectsLengthAbove65535() throws {
        let provider = try DefaultCryptoProvider().provider(for: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        #expect(throws: CryptoError.invalidOutputLength(65536)) {
            try provider.expandWithLabel(
                secret: [UInt8](repeating: 1, count: 32), label: "x", context: [], length: 65536)
        }
    }
}
