import MLS
import MLSTestSupport
import Testing

/// Builds Welcomes the way a committer does, with knobs to forge each failure.
private struct WelcomeBuilder {
    let fixture: LeafNodeFixture
    let bundle: KeyPackageBundle
    let signer: SignatureKeyPair
    var psks: [(id: PreSharedKeyID, psk: [UInt8])] = []
    var groupInfoSuite: CipherSuite?
    var groupSecretsPlaintext: [UInt8]?
    var groupInfoPlaintext: [UInt8]?
    var corruptWelcomeKey = false
    var corruptConfirmationTag = false
    var joinerSecret: Secret

    init(suite: CipherSuite = .mls128DHKEMX25519AES128GCMSHA256Ed25519) throws {
        fixture = try LeafNodeFixture(suite: suite)
        bundle = try fixture.bundle()
        signer = try fixture.provider.generateSignatureKeyPair()
        joinerSecret = Secret(fixture.provider.randomBytes(count: fixture.provider.hashLength))
    }

    var provider: any CipherSuiteProvider { fixture.provider }

    func build() throws -> Welcome {
        let provider = fixture.provider
        let context = GroupContext(
            version: .mls10, cipherSuite: groupInfoSuite ?? provider.suite, groupID: [0xAB, 0xCD], epoch: 4,
            treeHash: provider.randomBytes(count: provider.hashLength),
            confirmedTranscriptHash: provider.randomBytes(count: provider.hashLength), extensions: [])
        let pskSecret = try PSKSecret.compute(psks: psks, provider: provider)
        let schedule = try KeySchedule(
            joinerSecret: joinerSecret, pskSecret: pskSecret, groupContext: context, provider: provider)
        var tag = provider.mac(key: schedule.epochSecrets.confirmationKey.withUnsafeBytes { Array($0) }, data: context.confirmedTranscriptHash)
        if corruptConfirmationTag { tag[0] ^= 1 }
        var groupInfo = GroupInfo(
            groupContext: context, extensions: [], confirmationTag: tag, signer: LeafIndex(1), signature: [])
        try groupInfo.resign(privateKey: signer.privateKey, provider: provider)

        var (key, nonce) = try KeySchedule.welcomeKeyAndNonce(welcomeSecret: schedule.welcomeSecret, provider: provider)
        if corruptWelcomeKey { key[0] ^= 1 }
        let encryptedGroupInfo = try provider.aeadSeal(
            key: key, nonce: nonce, aad: [], plaintext: groupInfoPlaintext ?? groupInfo.tlsEncoded)
        let secrets = GroupSecrets(joinerSecret: joinerSecret, pathSecret: nil, psks: psks.map(\.id))
        let encryptedSecrets = try provider.encryptWithLabel(
            publicKey: bundle.keyPackage.initKey, label: "Welcome", context: encryptedGroupInfo,
            plaintext: groupSecretsPlaintext ?? secrets.tlsEncoded)
        let other = EncryptedGroupSecrets(
            newMember: provider.randomBytes(count: provider.hashLength), encryptedGroupSecrets: encryptedSecrets)
        return Welcome(
            cipherSuite: provider.suite,
            secrets: [
                other, EncryptedGroupSecrets(newMember: bundle.ref.bytes, encryptedGroupSecrets: encryptedSecrets),
            ],
            encryptedGroupInfo: encryptedGroupInfo)
    }

    func open(_ welcome: Welcome, psks: Welcome.PSKResolver = { _ in nil }) throws(WelcomeError) -> OpenedWelcome {
        try welcome.open(with: bundle, provider: fixture.provider, psks: psks)
    }
}

struct WelcomeOpeningTests {
    private static func externalPSK(_ id: UInt8) -> PreSharedKeyID {
        PreSharedKeyID(kind: .external(id: [id]), nonce: [UInt8](repeating: id, count: 32))
    }

    @Test(arguments: CipherSuite.allDefined)
    func opensAWelcomeAndAuthenticatesItsGroupInfo(suite: CipherSuite) throws {
        let builder = try WelcomeBuilder(suite: suite)
        let welcome = try Welcome(tlsEncoded: try builder.build().tlsEncoded)
        let opened = try builder.open(welcome)
        #expect(opened.groupSecrets.joinerSecret == builder.joinerSecret)
        #expect(opened.groupInfo.groupContext.epoch == 4)
        try verify(opened, builder)
    }

    private func verify(_ opened: OpenedWelcome, _ builder: WelcomeBuilder) throws {
        let provider = builder.fixture.provider
        try opened.groupInfo.verifySignature(signerKey: builder.signer.publicKey, provider: provider)
        let schedule = try opened.keySchedule(provider: provider)
        try opened.groupInfo.verifyConfirmationTag(
            confirmationKey: schedule.epochSecrets.confirmationKey.withUnsafeBytes { Array($0) }, provider: provider)
    }

    @Test func opensAWelcomeWithAnExternalPSK() throws {
        var builder = try WelcomeBuilder()
        let id = Self.externalPSK(1)
        builder.psks = [(id, [9, 9, 9])]
        let welcome = try builder.build()
        let opened = try builder.open(welcome) { $0 == id ? [9, 9, 9] : nil }
        #expect(opened.pskSecret != Secret([UInt8](repeating: 0, count: builder.provider.hashLength)))
        try verify(opened, builder)
        // A wrong PSK value derives another welcome key.
        #expect(throws: WelcomeError.groupInfoDecryptionFailed) { _ = try builder.open(welcome) { _ in [1] } }
    }

    @Test func val_welcome_01_rejectsAnotherSuite() throws {
        let builder = try WelcomeBuilder()
        var welcome = try builder.build()
        welcome.cipherSuite = .mls128DHKEMP256AES128GCMSHA256P256
        #expect(
            throws: WelcomeError.cipherSuiteMismatch(
                welcome: .mls128DHKEMP256AES128GCMSHA256P256, keyPackage: builder.fixture.suite)
        ) { _ = try builder.open(welcome) }
    }

    @Test func val_welcome_02_rejectsAWelcomeForSomeoneElse() throws {
        let builder = try WelcomeBuilder()
        var welcome = try builder.build()
        welcome.secrets.removeLast()
        #expect(throws: WelcomeError.noSecretsForKeyPackage) { _ = try builder.open(welcome) }
    }

    @Test func val_welcome_03_rejectsGroupSecretsThatDoNotDecrypt() throws {
        let builder = try WelcomeBuilder()
        let welcome = try builder.build()
        let otherKey = try builder.provider.generateHPKEKeyPair().privateKey
        #expect(throws: WelcomeError.groupSecretsDecryptionFailed) {
            _ = try welcome.open(
                initPrivateKey: otherKey, keyPackageRef: builder.bundle.ref, provider: builder.provider)
        }
    }

    @Test func val_welcome_04_rejectsMalformedGroupSecrets() throws {
        var builder = try WelcomeBuilder()
        builder.groupSecretsPlaintext = [0x05, 0x01]
        let welcome = try builder.build()
        do {
            _ = try builder.open(welcome)
            Issue.record("malformed GroupSecrets were accepted")
        } catch {
            guard case .malformedGroupSecrets = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test func val_welcome_05_rejectsAMissingPSK() throws {
        var builder = try WelcomeBuilder()
        let id = Self.externalPSK(2)
        builder.psks = [(id, [1, 2])]
        let welcome = try builder.build()
        #expect(throws: WelcomeError.missingPSK(id)) { _ = try builder.open(welcome) }
    }

    @Test func val_welcome_06_rejectsTwoReinitOrBranchPSKs() throws {
        var builder = try WelcomeBuilder()
        let reinit = PreSharedKeyID(kind: .resumption(usage: .reinit, groupID: [1], epoch: 3), nonce: [1])
        let branch = PreSharedKeyID(kind: .resumption(usage: .branch, groupID: [2], epoch: 5), nonce: [2])
        builder.psks = [(reinit, [1]), (branch, [2])]
        let welcome = try builder.build()
        #expect(throws: WelcomeError.multipleReinitOrBranchPSKs) { _ = try builder.open(welcome) { _ in [0] } }
    }

    @Test func val_welcome_07_rejectsAGroupInfoThatDoesNotDecrypt() throws {
        var builder = try WelcomeBuilder()
        builder.corruptWelcomeKey = true
        let welcome = try builder.build()
        #expect(throws: WelcomeError.groupInfoDecryptionFailed) { _ = try builder.open(welcome) }
    }

    @Test func val_welcome_08_rejectsAMalformedGroupInfo() throws {
        var builder = try WelcomeBuilder()
        builder.groupInfoPlaintext = [0x00, 0x01, 0x02]
        let welcome = try builder.build()
        do {
            _ = try builder.open(welcome)
            Issue.record("a malformed GroupInfo was accepted")
        } catch {
            guard case .malformedGroupInfo = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test func val_welcome_09_rejectsAGroupInfoOfAnotherSuite() throws {
        var builder = try WelcomeBuilder()
        builder.groupInfoSuite = .mls256DHKEMP384AES256GCMSHA384P384
        let welcome = try builder.build()
        #expect(
            throws: WelcomeError.groupInfoCipherSuiteMismatch(
                groupInfo: .mls256DHKEMP384AES256GCMSHA384P384, keyPackage: builder.fixture.suite)
        ) { _ = try builder.open(welcome) }
    }

    @Test func val_welcome_10_rejectsAGroupInfoSignedByAnotherKey() throws {
        let builder = try WelcomeBuilder()
        let opened = try builder.open(try builder.build())
        let other = try builder.provider.generateSignatureKeyPair().publicKey
        #expect(throws: WelcomeError.invalidGroupInfoSignature) {
            try opened.groupInfo.verifySignature(signerKey: other, provider: builder.provider)
        }
    }

    @Test func val_welcome_11_rejectsAWrongConfirmationTag() throws {
        var builder = try WelcomeBuilder()
        builder.corruptConfirmationTag = true
        let opened = try builder.open(try builder.build())
        try opened.groupInfo.verifySignature(signerKey: builder.signer.publicKey, provider: builder.provider)
        let schedule = try opened.keySchedule(provider: builder.provider)
        #expect(throws: WelcomeError.invalidConfirmationTag) {
            try opened.groupInfo.verifyConfirmationTag(
                confirmationKey: schedule.epochSecrets.confirmationKey.withUnsafeBytes { Array($0) }, provider: builder.provider)
        }
    }
}
