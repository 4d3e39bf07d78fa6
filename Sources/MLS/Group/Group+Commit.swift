extension Group {
    /// An empty commit description to add proposals to.
    public func commitBuilder() -> CommitBuilder { CommitBuilder() }

    /// Creates a commit (RFC 9420 §12.4) and keeps the epoch it leads to as our pending commit.
    ///
    /// The new epoch is entered only when the Delivery Service echoes the commit back
    /// (`process`), or when `mergePendingCommit()` is called; if another member's commit wins
    /// the epoch, processing it discards ours.
    ///
    /// - Throws: `GroupError`, `.groupParametersNotInCapabilities` when a KeyPackage the builder adds does not
    ///   list the group's version and suite (§11); the group is unchanged on error.
    public mutating func commit(_ builder: CommitBuilder = CommitBuilder()) async throws(GroupError) -> CommitOutput {
        guard status == .active else { throw .groupInactive }
        guard pendingCommit == nil else { throw .commitAlreadyPending }
        // §11: the members we add must support the group's version and suite.
        try checkAddsSupportGroupParameters(builder.proposals)
        if builder.proposals.contains(.selfRemove) {
            throw .invalidOperation("a SelfRemove is committed by reference; send it with proposeSelfRemove()")
        }
        var copy = self
        let output = try await copy.makeCommit(builder)
        self = copy
        return output
    }

    /// Enters the epoch of our pending commit without waiting for its echo.
    public mutating func mergePendingCommit() throws(GroupError) -> CommitSummary {
        guard let pending = pendingCommit else { throw .noPendingCommit }
        var summary = pending.staged.summary
        summary.isOwnCommit = true
        install(pending.staged)
        return summary
    }

    /// Forgets our pending commit, for instance when the Delivery Service rejected it.
    public mutating func discardPendingCommit() {
        pendingCommit = nil
    }

    /// Whether a commit of ours awaits confirmation.
    public var hasPendingCommit: Bool { pendingCommit != nil }

    /// An external joiner's inputs to its commit (§12.4.3.2): the ExternalInit KEM output and
    /// the init secret exported with it, and the leaf node template whose keys the path replaces.
    struct ExternalJoin: Sendable {
        var kemOutput: [UInt8]
        var initSecret: Secret
        var leafTemplate: LeafNode
    }

    mutating func makeCommit(_ builder: CommitBuilder, external: ExternalJoin? = nil) async throws(GroupError)
        -> CommitOutput
    {
        let own: Sender = external == nil ? .member(ownLeaf) : .newMemberCommit
        var items: [ProposalOrRef] = []
        var list: [ResolvedProposal] = []
        if let external {
            items.append(.proposal(.externalInit(kemOutput: external.kemOutput)))
            list.append(ResolvedProposal(proposal: .externalInit(kemOutput: external.kemOutput), sender: own))
            // draft-ietf-mls-extensions: the joiner includes the pending SelfRemoves by reference.
            for entry in proposals where entry.proposal == .selfRemove {
                items.append(.reference(entry.ref))
                list.append(ResolvedProposal(proposal: entry.proposal, sender: entry.sender))
            }
        } else if builder.includeReceivedProposals {
            // Our own SelfRemove waits for another member's commit.
            for entry in proposals where !(entry.proposal == .selfRemove && entry.sender == own) {
                items.append(.reference(entry.ref))
                list.append(ResolvedProposal(proposal: entry.proposal, sender: entry.sender))
            }
        }
        for proposal in builder.proposals {
            items.append(.proposal(proposal))
            list.append(ResolvedProposal(proposal: proposal, sender: own))
        }
        let applied = try await apply(list, committer: external == nil ? ownLeaf : nil, receiving: false)
        var newTree = applied.tree
        // §12.4.3.2: an external joiner takes the leftmost blank leaf.
        let committerLeaf = external.map { newTree.add($0.leafTemplate) } ?? ownLeaf
        let newEpoch = context.epoch + 1
        var commitSecret = [UInt8](repeating: 0, count: provider.hashLength)
        var keys = privateKeys
        keys.prune(against: newTree, provider: provider)
        var path: UpdatePath?
        var pendingPath: PendingUpdatePath?
        var updated = applied.updated
        var treeHash: [UInt8]?

        if applied.pathRequired || builder.forcePath || external != nil {
            guard let oldLeaf = newTree.leaf(committerLeaf) else {
                throw .invalidOperation("our leaf is not in the tree")
            }
            let groupID = context.groupID
            let leafIndex = committerLeaf
            let signer = signatureKeyPair
            let provider = provider
            let pending: PendingUpdatePath
            do {
                pending = try newTree.applyNewPath(
                    for: committerLeaf, leafSecret: provider.randomBytes(count: provider.hashLength),
                    firstPathSecret: provider.randomBytes(count: provider.hashLength), provider: provider
                ) { encryptionKey, parentHash in
                    var leaf = oldLeaf
                    leaf.encryptionKey = encryptionKey
                    leaf.source = .commit(parentHash: parentHash)
                    try leaf.resign(keyPair: signer, groupID: groupID, leafIndex: leafIndex, provider: provider)
                    return leaf
                }
            } catch let error as TreeError {
                throw .tree(error)
            } catch let error as CryptoError {
                throw .crypto(error)
            } catch {
                throw .invalidOperation("\(error)")
            }
            let pathTreeHash = newTree.updateTreeHash(provider: provider)
            treeHash = pathTreeHash
            let provisional = GroupContext(
                version: context.version, cipherSuite: context.cipherSuite, groupID: context.groupID, epoch: newEpoch,
                treeHash: pathTreeHash,
                confirmedTranscriptHash: context.confirmedTranscriptHash, extensions: applied.extensions)
            let excluded = Set(applied.added)
            path = try lift(GroupError.tree) { [newTree] () throws(TreeError) in
                try newTree.encrypt(pending, groupContext: provisional.tlsEncoded, excluding: excluded, provider: provider)
            }
            commitSecret = pending.commitSecret.bytes
            keys = pending.privateKeys
            pendingPath = pending
            updated.append(committerLeaf)
        }

        // Sign with the old epoch's context, then derive the new epoch from the signed content.
        let commit = Commit(proposals: items, path: path)
        let content = FramedContent(
            groupID: context.groupID, epoch: context.epoch, sender: own, authenticatedData: builder.authenticatedData,
            body: .commit(commit))
        let encoded = encodedContext
        // A non-member cannot send a PrivateMessage: external commits are public (§6).
        let wireFormat = external == nil ? handshakeWireFormat : .publicMessage
        let signature = try lift(GroupError.framing) { () throws(FramingError) in
            try AuthenticatedContent.signature(
                wireFormat: wireFormat, content: content, serializedGroupContext: encoded,
                signer: signatureKeyPair, provider: provider)
        }
        let confirmed = TranscriptHash.confirmed(
            interimBefore: interimTranscriptHash,
            input: try lift(GroupError.codec) { () throws(CodecError) in
                try ConfirmedTranscriptHashInput(wireFormat: wireFormat, content: content, signature: signature)
            },
            provider: provider)
        let newContext = GroupContext(
            version: context.version, cipherSuite: context.cipherSuite, groupID: context.groupID, epoch: newEpoch,
            treeHash: treeHash ?? newTree.updateTreeHash(provider: provider), confirmedTranscriptHash: confirmed,
            extensions: applied.extensions)
        let psks = try resolvePSKs(applied.psks)
        let pskSecret = try lift(GroupError.keySchedule) { () throws(KeyScheduleError) in
            try PSKSecret.compute(psks: psks, provider: provider)
        }
        let schedule = try lift(GroupError.keySchedule) { () throws(KeyScheduleError) in
            try KeySchedule(
                initSecret: (external?.initSecret ?? secrets.initSecret).bytes, commitSecret: commitSecret,
                pskSecret: pskSecret, groupContext: newContext, provider: provider)
        }
        let tag = TranscriptHash.confirmationTag(
            confirmationKey: schedule.epochSecrets.confirmationKey.bytes, confirmedTranscriptHash: confirmed,
            provider: provider)
        let framed = try protect(wireFormat: wireFormat, content: content, signature: signature, confirmationTag: tag)
        let interim = TranscriptHash.interim(
            confirmed: confirmed, input: InterimTranscriptHashInput(confirmationTag: tag), provider: provider)

        let groupInfo = try makeGroupInfo(
            context: newContext, tree: newTree, secrets: schedule.epochSecrets, confirmationTag: tag,
            signer: committerLeaf)
        var welcome: MLSMessage?
        if !applied.added.isEmpty {
            welcome = try makeWelcome(
                groupInfo: groupInfo, schedule: schedule, applied: applied, tree: newTree, path: pendingPath,
                committer: committerLeaf)
        }
        let summary = CommitSummary(
            committer: own, epoch: newEpoch, added: applied.added, removed: applied.removed, updated: updated,
            isOwnCommit: true, reinit: applied.reinit, removedSelf: false)
        pendingCommit = PendingCommit(
            message: framed.message,
            staged: StagedEpoch(
                context: newContext, tree: newTree, interimTranscriptHash: interim, secrets: schedule.epochSecrets,
                privateKeys: keys, summary: summary))
        return CommitOutput(
            commit: framed.message, welcome: welcome, groupInfo: MLSMessage(body: .groupInfo(groupInfo)),
            ratchetTree: configuration.ratchetTreeInWelcome ? nil : newTree.wireNodes)
    }

    /// A signed GroupInfo for an epoch (§12.4.3), with a GREASE extension while `services.grease` is on.
    func makeGroupInfo(
        context newContext: GroupContext, tree newTree: RatchetTree, secrets newSecrets: EpochSecrets,
        confirmationTag: [UInt8], signer: LeafIndex
    ) throws(GroupError) -> GroupInfo {
        var extensions: [Extension] = []
        if configuration.ratchetTreeInWelcome {
            extensions.append(Extension(type: .ratchetTree, data: newTree.wireNodes.tlsEncoded))
        }
        if configuration.externalPubInGroupInfo {
            let pair = try lift(GroupError.keySchedule) { () throws(KeyScheduleError) in
                try newSecrets.externalKeyPair(provider: provider)
            }
            extensions.append(Extension(type: .externalPub, data: ExternalPub(publicKey: pair.publicKey).tlsEncoded))
        }
        if services.grease {
            // §13.5: a GREASE GroupInfo extension with random contents.
            let provider = provider
            extensions.append(
                Grease.extensionEntry(joining: extensions, randomData: true, random: { provider.randomBytes(count: $0) }))
        }
        var groupInfo = GroupInfo(
            groupContext: newContext, extensions: extensions, confirmationTag: confirmationTag, signer: signer,
            signature: [])
        try lift(GroupError.crypto) { () throws(CryptoError) in
            try groupInfo.resign(keyPair: signatureKeyPair, provider: provider)
        }
        return groupInfo
    }

    /// The Welcome for the members a commit adds (§12.4.3.1): the GroupInfo encrypted under the
    /// welcome key, and per new member the joiner secret, the path secret of its lowest common
    /// ancestor with us, and the PSK ids, encrypted to its init key.
    private func makeWelcome(
        groupInfo: GroupInfo, schedule: KeySchedule, applied: AppliedProposals, tree newTree: RatchetTree,
        path: PendingUpdatePath?, committer: LeafIndex
    ) throws(GroupError) -> MLSMessage {
        let (key, nonce) = try lift(GroupError.keySchedule) { () throws(KeyScheduleError) in
            try KeySchedule.welcomeKeyAndNonce(welcomeSecret: schedule.welcomeSecret, provider: provider)
        }
        let encryptedGroupInfo = try lift(GroupError.crypto) { () throws(CryptoError) in
            try provider.aeadSeal(key: key, nonce: nonce, aad: [], plaintext: groupInfo.tlsEncoded)
        }
        var plaintexts: [[UInt8]] = []
        plaintexts.reserveCapacity(applied.added.count)
        for leaf in applied.added {
            var pathSecret: PathSecret?
            if let path {
                let ancestor = newTree.size.commonAncestor(leaf.nodeIndex, committer.nodeIndex)
                pathSecret = path.pathSecret(for: ancestor).map(PathSecret.init(secret:))
            }
            plaintexts.append(
                GroupSecrets(joinerSecret: schedule.joinerSecret, pathSecret: pathSecret, psks: applied.psks).tlsEncoded)
        }
        // One HPKE context for all new members: the encrypted GroupInfo is hashed once.
        let encrypted = try lift(GroupError.crypto) { () throws(CryptoError) in
            try provider.encryptWithLabel(
                publicKeys: applied.addedKeyPackages.map(\.initKey), label: "Welcome", context: encryptedGroupInfo,
                plaintexts: plaintexts)
        }
        let secrets = zip(applied.addedKeyPackages, encrypted).map { keyPackage, ciphertext in
            EncryptedGroupSecrets(
                newMember: provider.keyPackageRef(encodedKeyPackage: keyPackage.tlsEncoded),
                encryptedGroupSecrets: ciphertext)
        }
        return MLSMessage(body: .welcome(Welcome(
            cipherSuite: context.cipherSuite, secrets: secrets, encryptedGroupInfo: encryptedGroupInfo)))
    }
}
