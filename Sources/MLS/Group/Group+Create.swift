import Foundation

extension Group {
    /// Creates a one-member group (RFC 9420 §11).
    ///
    /// - Parameters:
    ///   - groupID: the group id; a fresh random value of `KDF.Nh` bytes when nil.
    ///   - leafLifetime: the validity of the creator's leaf, whose source is `key_package`; the leaf carries
    ///     GREASE values (§13.5) while `services.grease` is on.
    /// - Throws: `GroupError.groupParametersNotInCapabilities` when `capabilities` omit mls10 or the suite (§11).
    public static func create(
        groupID: [UInt8]? = nil,
        provider: any CipherSuiteProvider,
        credential: Credential,
        signatureKeyPair: SignatureKeyPair,
        capabilities: Capabilities,
        leafLifetime: Lifetime,
        leafExtensions: [Extension] = [],
        extensions: [Extension] = [],
        configuration: GroupConfiguration = .default,
        services: GroupServices = .system
    ) throws(GroupError) -> Group {
        try checkSupportsGroupParameters(capabilities, suite: provider.suite)
        var capabilities = capabilities
        var leafExtensions = leafExtensions
        if services.grease {
            (capabilities, leafExtensions) = Grease.leaf(
                capabilities: capabilities, extensions: leafExtensions,
                random: { provider.randomBytes(count: $0) })
        }
        let encryptionKeys = try lift(GroupError.crypto) { () throws(CryptoError) in try provider.generateHPKEKeyPair() }
        let leaf = try lift(GroupError.crypto) { () throws(CryptoError) in
            try LeafNode(
                encryptionKey: encryptionKeys.publicKey, signatureKeyPair: signatureKeyPair, credential: credential,
                capabilities: capabilities, source: .keyPackage(leafLifetime), extensions: leafExtensions,
                provider: provider)
        }
        var tree = RatchetTree(firstLeaf: leaf)
        let context = GroupContext(
            version: .mls10, cipherSuite: provider.suite, groupID: groupID ?? provider.randomBytes(count: provider.hashLength),
            epoch: 0, treeHash: tree.updateTreeHash(provider: provider), confirmedTranscriptHash: [], extensions: extensions)
        let secrets = try lift(GroupError.keySchedule) { () throws(KeyScheduleError) in
            try EpochSecrets(epochSecret: provider.randomBytes(count: provider.hashLength), provider: provider)
        }
        let tag = TranscriptHash.confirmationTag(
            confirmationKey: secrets.confirmationKey.bytes, confirmedTranscriptHash: [], provider: provider)
        let interim = TranscriptHash.interim(
            confirmed: [], input: InterimTranscriptHashInput(confirmationTag: tag), provider: provider)
        return Group(
            provider: provider, configuration: configuration, services: services, context: context, tree: tree,
            interimTranscriptHash: interim, secrets: secrets,
            secretTree: SecretTree(
                provider: provider, encryptionSecret: secrets.encryptionSecret.bytes, size: tree.size,
                configuration: configuration.secretTree),
            privateKeys: TreePrivateKeys(leafIndex: LeafIndex(0), leafPrivateKey: encryptionKeys.privateKey),
            signatureKeyPair: signatureKeyPair, proposals: [], pendingCommit: nil, pastEpochs: [],
            resumptionPSKs: [0: secrets.resumptionPSK.bytes], status: .active)
    }
}
