extension Group {
    /// Joins a group by an external commit (RFC 9420 §12.4.3.2), from a GroupInfo that carries
    /// the `external_pub` extension.
    ///
    /// The returned group is already in the new epoch: hand `output.commit` to the Delivery
    /// Service, and drop the group if it refuses the commit.
    ///
    /// - Parameters:
    ///   - groupInfo: the group's current GroupInfo.
    ///   - ratchetTree: the tree, when the GroupInfo does not carry it.
    ///   - removing: our own earlier leaf, to replace it ("resync" after losing our state); its
    ///     credential must be ours.
    ///   - psks: PSKs to inject, for example one proving membership in an earlier epoch.
    ///   - pendingSelfRemoves: The SelfRemove proposals of the current epoch, fetched with the GroupInfo. The
    ///     joiner "MUST validate the SelfRemove Proposal before including it by reference, except that it skips
    ///     the validation of the `membership_tag`", and includes them all (draft-ietf-mls-extensions).
    /// - Throws: `GroupError`; `.invalidOperation` when a pending message is not a SelfRemove of this epoch.
    public static func joinByExternalCommit(
        groupInfo: GroupInfo,
        ratchetTree: RatchetTreeNodes? = nil,
        credential: Credential,
        signatureKeyPair: SignatureKeyPair,
        capabilities: Capabilities,
        removing: LeafIndex? = nil,
        psks: [PreSharedKeyID] = [],
        pendingSelfRemoves: [MLSMessage] = [],
        authenticatedData: [UInt8] = [],
        crypto: any CryptoProvider,
        configuration: GroupConfiguration = .default,
        services: GroupServices = .system
    ) async throws(GroupError) -> (group: Group, output: CommitOutput) {
        let context = groupInfo.groupContext
        let provider = try lift(GroupError.crypto) { () throws(CryptoError) in
            try crypto.provider(for: context.cipherSuite)
        }
        let tree = try await verifiedTree(
            of: groupInfo, ratchetTree: ratchetTree, provider: provider, services: services)
        guard let externalPubData = groupInfo.extensions.first(where: { $0.type == .externalPub })?.data else {
            throw .invalidOperation("the GroupInfo has no external_pub extension")
        }
        let externalPub = try lift(GroupError.codec) { () throws(CodecError) in try ExternalPub(tlsEncoded: externalPubData) }
        // §8.3: kem_output, context = SetupBaseS(external_pub, ""); init_secret = context.export(...).
        let exported = try lift(GroupError.crypto) { () throws(CryptoError) in
            try provider.hpkeExportSender(
                publicKey: externalPub.publicKey, info: [],
                exporterContext: Array("MLS 1.0 external init secret".utf8), length: provider.hashLength)
        }

        // A template leaf for the blank slot; the path replaces its keys and signs it anew.
        var leafCapabilities = capabilities
        var leafExtensions: [Extension] = []
        if services.grease {
            (leafCapabilities, leafExtensions) = Grease.leaf(
                capabilities: capabilities, extensions: [], random: { provider.randomBytes(count: $0) })
        }
        let template = try lift(GroupError.crypto) { () throws(CryptoError) in
            try LeafNode(
                encryptionKey: provider.generateHPKEKeyPair().publicKey, signatureKeyPair: signatureKeyPair,
                credential: credential, capabilities: leafCapabilities, source: .update, extensions: leafExtensions,
                provider: provider)
        }
        let interim = TranscriptHash.interim(
            confirmed: context.confirmedTranscriptHash,
            input: InterimTranscriptHashInput(confirmationTag: groupInfo.confirmationTag), provider: provider)
        // The joiner's view of the current epoch: public state only; it holds no epoch secret.
        let placeholderSecrets = EpochSecrets(
            senderDataSecret: Secret([]), encryptionSecret: Secret([]), exporterSecret: Secret([]),
            externalSecret: Secret([]), confirmationKey: Secret([]), membershipKey: Secret([]),
            resumptionPSK: Secret([]), epochAuthenticator: Secret([]), initSecret: Secret([]))
        var shell = Group(
            provider: provider, configuration: configuration, services: services, context: context, tree: tree,
            interimTranscriptHash: interim, secrets: placeholderSecrets,
            secretTree: SecretTree(provider: provider, encryptionSecret: [], size: tree.size),
            privateKeys: TreePrivateKeys(leafIndex: LeafIndex(tree.size.leafCount), leafPrivateKey: []),
            signatureKeyPair: signatureKeyPair, proposals: [], pendingCommit: nil, pastEpochs: [], resumptionPSKs: [:],
            status: .active)
        if !pendingSelfRemoves.isEmpty {
            // Verified as the Delivery Service's follower verifies them: signature, sender and framing.
            var follower = try await PublicGroup(
                groupInfo: groupInfo, ratchetTree: ratchetTree, crypto: crypto, configuration: configuration,
                services: services)
            for message in pendingSelfRemoves {
                guard case .proposal(let pending) = try await follower.observe(message), pending.proposal == .selfRemove
                else {
                    throw .invalidOperation("a pending proposal given to an external join is not a SelfRemove")
                }
                shell.proposals.append(ProposalCacheEntry(ref: pending.ref, proposal: .selfRemove, sender: pending.sender))
            }
        }
        var builder = CommitBuilder()
        builder.authenticatedData = authenticatedData
        if let removing {
            guard tree.leaf(removing)?.credential == credential else {
                throw .invalidProposalList("a resync may only remove a leaf with our credential")
            }
            builder = builder.removing(removing)
        }
        for psk in psks { builder = builder.injecting(psk) }
        let output = try await shell.makeCommit(
            builder,
            external: ExternalJoin(
                kemOutput: exported.kemOutput, initSecret: Secret(exported.secret), leafTemplate: template))
        _ = try shell.mergePendingCommit()
        shell.pastEpochs = []
        return (shell, output)
    }
}
