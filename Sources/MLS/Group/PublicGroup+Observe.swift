extension PublicGroup {
    /// What a followed message did.
    public enum Observation: Sendable {
        /// An application message (a PrivateMessage): nothing to follow.
        case application(epoch: UInt64)
        /// A handshake encrypted as a PrivateMessage: its content cannot be followed.
        case encryptedHandshake(epoch: UInt64, contentType: ContentType)
        /// A proposal, now cached for commits of this epoch that reference it.
        case proposal(ProposalMessage)
        /// A commit, applied: the group is in the next epoch.
        case commit(PublicCommit)
    }

    /// Follows one message of the group (RFC 9420 §6, §12.4.2, as far as a non-member can).
    ///
    /// - Returns: What the message did; for a commit, the group is then in the next epoch.
    /// - Throws: `GroupError` for a message the members would reject as far as public data shows;
    ///   nothing changes then.
    public mutating func observe(_ message: MLSMessage) async throws(GroupError) -> Observation {
        switch message.body {
        case .privateMessage(let framed):
            guard framed.groupID == context.groupID else { throw .wrongGroup }
            if framed.contentType == .application { return .application(epoch: framed.epoch) }
            guard framed.epoch == context.epoch else {
                throw .wrongEpoch(message: framed.epoch, current: context.epoch)
            }
            return .encryptedHandshake(epoch: framed.epoch, contentType: framed.contentType)
        case .publicMessage(let framed):
            let content = try verify(framed)
            switch content.content.body {
            case .application:
                throw .unexpectedWireFormat(.publicMessage)
            case .proposal(let proposal):
                let sender = content.content.sender
                try checkProposalSender(proposal, sender: sender)
                let ref = proposalRef(content)
                if !proposals.contains(where: { $0.ref == ref }) {
                    proposals.append(ProposalCacheEntry(ref: ref, proposal: proposal, sender: sender))
                }
                return .proposal(ProposalMessage(sender: sender, proposal: proposal, ref: ref))
            case .commit:
                var copy = self
                let commit = try await copy.applyCommit(content)
                self = copy
                return .commit(commit)
            }
        default:
            throw .unexpectedWireFormat(message.wireFormat)
        }
    }

    /// Checks what a non-member can of a PublicMessage (§6.2): group, epoch, and the signature when
    /// the GroupContext it covers is known. The membership tag needs the epoch's secrets.
    private func verify(_ message: PublicMessage) throws(GroupError) -> AuthenticatedContent {
        let content = message.content
        guard content.groupID == context.groupID else { throw .wrongGroup }
        guard content.epoch == context.epoch else { throw .wrongEpoch(message: content.epoch, current: context.epoch) }
        let authenticated = message.authenticatedContent
        let includesContext = FramedContentTBS.includesGroupContext(content.sender)
        let signatureKey = try signatureKey(for: authenticated)
        if includesContext, transcript == .unknown { return authenticated }
        let encoded = context.tlsEncoded
        try lift(GroupError.framing) { () throws(FramingError) in
            try authenticated.verifySignature(
                publicKey: signatureKey, serializedGroupContext: includesContext ? encoded : nil, provider: provider)
        }
        return authenticated
    }

    /// Applies a commit to the public state (§12.4.2 without the secrets).
    private mutating func applyCommit(_ content: AuthenticatedContent) async throws(GroupError) -> PublicCommit {
        let (commit, committer, list, applied) = try await applyProposals(of: content)
        let sender = content.content.sender
        guard content.auth.confirmationTag != nil else { throw .invalidConfirmationTag }

        let removedLeaves = applied.removed.compactMap { index in tree.leaf(index).map { (index: index, leaf: $0) } }
        var newTree = applied.tree
        var pathLeaf: LeafIndex?
        if let path = commit.path {
            pathLeaf = try await mergePath(path, committer: committer, applied: applied, into: &newTree)
        }
        let newEpoch = context.epoch + 1
        var newContext = GroupContext(
            version: context.version, cipherSuite: context.cipherSuite, groupID: context.groupID, epoch: newEpoch,
            treeHash: newTree.updateTreeHash(provider: provider), confirmedTranscriptHash: [],
            extensions: applied.extensions)
        if case .known(let interim) = transcript {
            let hashes = try lift(GroupError.codec) { () throws(CodecError) in
                try TranscriptHash.update(interimBefore: interim, with: content, provider: provider)
            }
            newContext.confirmedTranscriptHash = hashes.confirmed
            transcript = .known(interim: hashes.interim)
        }
        for removed in applied.removed { keyEpochs[removed] = nil }
        for leaf in applied.added + applied.updated + (pathLeaf.map { [$0] } ?? []) { keyEpochs[leaf] = newEpoch }
        context = newContext
        tree = newTree
        proposals = []
        return PublicCommit(
            committer: sender, committerLeaf: pathLeaf ?? committer, epoch: newEpoch,
            added: (applied.added + (committer == nil ? pathLeaf.map { [$0] } ?? [] : [])).compactMap { index in
                newTree.leaf(index).map { (index: index, leaf: $0) }
            },
            removed: removedLeaves, updated: applied.updated, proposals: list, reinit: applied.reinit,
            isExternalJoin: committer == nil)
    }
}

/// A commit a ``PublicGroup`` applied.
public struct PublicCommit: Sendable {
    public var committer: Sender
    /// The committer's leaf after the commit: its own, or the one an external joiner took.
    public var committerLeaf: LeafIndex?
    /// The epoch the commit created.
    public var epoch: UInt64
    /// The members the commit added, with their leaves: by Add proposals, and an external joiner.
    public var added: [(index: LeafIndex, leaf: LeafNode)]
    /// The members the commit removed, with the leaves they had.
    public var removed: [(index: LeafIndex, leaf: LeafNode)]
    /// Leaves replaced by committed Update proposals.
    public var updated: [LeafIndex]
    /// The proposals the commit carried or referenced, with who proposed each.
    public var proposals: [ResolvedProposal]
    /// A ReInit the commit carried (§11.2).
    public var reinit: ReInit?
    /// Whether this was an external commit (§12.4.3.2).
    public var isExternalJoin: Bool

    public init(
        committer: Sender, committerLeaf: LeafIndex?, epoch: UInt64, added: [(index: LeafIndex, leaf: LeafNode)],
        removed: [(index: LeafIndex, leaf: LeafNode)], updated: [LeafIndex], proposals: [ResolvedProposal],
        reinit: ReInit?, isExternalJoin: Bool
    ) {
        self.committer = committer
        self.committerLeaf = committerLeaf
        self.epoch = epoch
        self.added = added
        self.removed = removed
        self.updated = updated
        self.proposals = proposals
        self.reinit = reinit
        self.isExternalJoin = isExternalJoin
    }
}
