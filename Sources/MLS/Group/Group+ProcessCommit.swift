extension Group {
    /// Processes a verified commit from another member or an external joiner (§12.4.2) and
    /// returns the epoch it leads to.
    func stage(_ content: AuthenticatedContent) async throws(GroupError) -> StagedEpoch {
        let (commit, committer, _, applied) = try await applyProposals(of: content)
        let sender = content.content.sender

        var newTree = applied.tree
        var keys = privateKeys
        if applied.updated.contains(ownLeaf), let leaf = newTree.leaf(ownLeaf) {
            // Another member committed our Update: its key pair becomes our leaf's.
            guard let key = pendingUpdateKeys[leaf.encryptionKey] else {
                throw .invalidProposalList("an Update for our leaf that we did not send")
            }
            keys.set(ownLeaf.nodeIndex, key)
        }
        keys.prune(against: newTree, provider: provider)
        let removedSelf = newTree.leaf(ownLeaf) == nil || applied.removed.contains(ownLeaf)
        let newEpoch = context.epoch + 1
        var commitSecret = [UInt8](repeating: 0, count: provider.hashLength)
        var updated = applied.updated
        var treeHash: [UInt8]?

        var initSecret = secrets.initSecret.bytes
        if let kemOutput = applied.externalInit {
            initSecret = try externalInitSecret(kemOutput: kemOutput)
        }

        if let path = commit.path {
            let pathLeaf = try await mergePath(path, committer: committer, applied: applied, into: &newTree)
            updated.append(pathLeaf)
            treeHash = newTree.updateTreeHash(provider: provider)
            if !removedSelf, let treeHash {
                let provisional = GroupContext(
                    version: context.version, cipherSuite: context.cipherSuite, groupID: context.groupID,
                    epoch: newEpoch, treeHash: treeHash,
                    confirmedTranscriptHash: context.confirmedTranscriptHash, extensions: applied.extensions)
                let excluded = Set(applied.added)
                let result = try lift(GroupError.tree) { () throws(TreeError) in
                    try newTree.decryptPath(
                        path, from: pathLeaf, privateKeys: keys, groupContext: provisional.tlsEncoded,
                        excluding: excluded, provider: provider)
                }
                commitSecret = result.commitSecret
                keys = result.privateKeys
            }
        }

        let confirmed = TranscriptHash.confirmed(
            interimBefore: interimTranscriptHash,
            input: try lift(GroupError.codec) { () throws(CodecError) in try ConfirmedTranscriptHashInput(content) },
            provider: provider)
        let newContext = GroupContext(
            version: context.version, cipherSuite: context.cipherSuite, groupID: context.groupID, epoch: newEpoch,
            treeHash: treeHash ?? newTree.updateTreeHash(provider: provider), confirmedTranscriptHash: confirmed,
            extensions: applied.extensions)
        let summary = CommitSummary(
            committer: sender, epoch: newEpoch, added: applied.added, removed: applied.removed, updated: updated,
            isOwnCommit: false, reinit: applied.reinit, removedSelf: removedSelf)
        guard let tag = content.auth.confirmationTag else { throw .invalidConfirmationTag }
        let interim = TranscriptHash.interim(
            confirmed: confirmed, input: InterimTranscriptHashInput(confirmationTag: tag), provider: provider)
        if removedSelf {
            return StagedEpoch(
                context: newContext, tree: newTree, interimTranscriptHash: interim, secrets: nil, privateKeys: keys,
                summary: summary)
        }

        let pskSecret = try lift(GroupError.keySchedule) { [psks = try resolvePSKs(applied.psks)] () throws(KeyScheduleError) in
            try PSKSecret.compute(psks: psks, provider: provider)
        }
        let schedule = try lift(GroupError.keySchedule) { () throws(KeyScheduleError) in
            try KeySchedule(
                initSecret: initSecret, commitSecret: commitSecret, pskSecret: pskSecret, groupContext: newContext,
                provider: provider)
        }
        guard TranscriptHash.verifyConfirmationTag(
            tag, confirmationKey: schedule.epochSecrets.confirmationKey.bytes, confirmedTranscriptHash: confirmed,
            provider: provider)
        else { throw .invalidConfirmationTag }
        return StagedEpoch(
            context: newContext, tree: newTree, interimTranscriptHash: interim, secrets: schedule.epochSecrets,
            privateKeys: keys, summary: summary)
    }

    /// §8.3: the init secret an external joiner chose, recovered from its ExternalInit.
    func externalInitSecret(kemOutput: [UInt8]) throws(GroupError) -> [UInt8] {
        let keyPair = try lift(GroupError.keySchedule) { () throws(KeyScheduleError) in
            try secrets.externalKeyPair(provider: provider)
        }
        return try lift(GroupError.crypto) { () throws(CryptoError) in
            try provider.hpkeExportReceiver(
                privateKey: keyPair.privateKey, kemOutput: kemOutput, info: [],
                exporterContext: Array("MLS 1.0 external init secret".utf8), length: provider.hashLength)
        }
    }

    /// Makes a staged epoch the current one (§12.4.2: "consider the new GroupContext as the
    /// current state"), keeping the old epoch's application keys for late messages.
    mutating func install(_ staged: StagedEpoch) {
        if configuration.pastEpochs > 0 {
            pastEpochs.insert(
                PastEpoch(
                    epoch: context.epoch, encodedContext: encodedContext, tree: tree, secretTree: secretTree,
                    senderDataSecret: secrets.senderDataSecret), at: 0)
            if pastEpochs.count > configuration.pastEpochs { pastEpochs.removeLast(pastEpochs.count - configuration.pastEpochs) }
        }
        context = staged.context
        tree = staged.tree
        interimTranscriptHash = staged.interimTranscriptHash
        privateKeys = staged.privateKeys
        proposals = []
        pendingUpdateKeys = [:]
        pendingCommit = nil
        if let newSecrets = staged.secrets {
            secrets = newSecrets
            secretTree = SecretTree(
                provider: provider, encryptionSecret: newSecrets.encryptionSecret.bytes, size: staged.tree.size,
                configuration: configuration.secretTree)
            resumptionPSKs[context.epoch] = newSecrets.resumptionPSK.bytes
            let keep = max(configuration.resumptionPSKEpochs, 1)
            for epoch in resumptionPSKs.keys where epoch + UInt64(keep) <= context.epoch { resumptionPSKs[epoch] = nil }
        }
        if staged.summary.removedSelf {
            status = .removed
        } else if let reinit = staged.summary.reinit {
            status = .reinitPending(reinit)
        }
    }
}

extension GroupStateReading {
    /// The first steps of processing a commit (§12.4.2), the same for members and followers: the commit checked to
    /// be one and to have a next epoch, its committer (`nil` for an external joiner), and its proposals resolved and
    /// applied, with the UpdatePath they call for.
    func applyProposals(of content: AuthenticatedContent) async throws(GroupError)
        -> (commit: Commit, committer: LeafIndex?, proposals: [ResolvedProposal], applied: AppliedProposals)
    {
        guard case .commit(let commit) = content.content.body else { throw .invalidOperation("not a commit") }
        guard context.epoch < UInt64.max else { throw .invalidOperation("the group is at its last epoch") }
        let sender = content.content.sender
        let committer: LeafIndex?
        switch sender {
        case .member(let leaf): committer = leaf
        case .newMemberCommit: committer = nil
        default: throw .unknownSender(sender)
        }
        let list = try resolve(commit, committer: sender)
        let applied = try await apply(list, committer: committer, receiving: true)
        if applied.pathRequired, commit.path == nil { throw .pathRequired }
        return (commit, committer, list, applied)
    }

    /// Places a commit's UpdatePath in the tree after its proposals (§12.4.2): at the committer's leaf, or,
    /// for an external joiner, at the leftmost blank leaf (§12.4.3.2); checks the new leaf and merges the path.
    ///
    /// - Returns: The leaf the path was merged from.
    func mergePath(
        _ path: UpdatePath, committer: LeafIndex?, applied: AppliedProposals, into newTree: inout RatchetTree
    ) async throws(GroupError) -> LeafIndex {
        let pathLeaf: LeafIndex
        if let committer {
            pathLeaf = committer
        } else {
            // §12.2: a resync removes only an earlier appearance of the joiner itself; SelfRemoves remove their
            // own senders.
            for removed in applied.removed
            where !applied.selfRemoved.contains(removed) && tree.leaf(removed)?.credential != path.leafNode.credential {
                throw .invalidProposalList("an external commit removing another member")
            }
            pathLeaf = newTree.add(path.leafNode)
        }
        try await validatePathLeaf(
            path, sender: pathLeaf, tree: newTree, baseline: applied.baseline, external: committer == nil)
        try lift(GroupError.tree) { () throws(TreeError) in
            try newTree.merge(path, from: pathLeaf, provider: provider)
        }
        return pathLeaf
    }

    /// Checks the committer's new leaf (§12.4.2): valid with source `commit`, a fresh encryption
    /// key, and no UpdatePath key already in the tree.
    func validatePathLeaf(
        _ path: UpdatePath, sender: LeafIndex, tree: RatchetTree, baseline: LeafValidationBaseline, external: Bool
    ) async throws(GroupError) {
        var baseline = baseline
        // An external joiner's placeholder leaf was never part of the baseline.
        if let old = tree.leaf(sender), !external {
            guard old.encryptionKey != path.leafNode.encryptionKey else {
                throw .invalidProposalList("the committer's new leaf reuses its encryption key")
            }
            baseline.remove(old)
        }
        try validateLeaf(
            path.leafNode, usage: .commit(groupID: context.groupID, leafIndex: sender), baseline: baseline,
            checkLifetime: false)
        for node in path.nodes where baseline.containsEncryptionKey(node.encryptionKey) {
            throw .tree(.duplicateEncryptionKey)
        }
        try await validateCredential(path.leafNode)
    }
}
