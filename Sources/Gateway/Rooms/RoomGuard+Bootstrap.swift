import DeliveryService
import MLS
import XMPP

extension RoomGuard {
    /// How a PublicMessage in a room that follows no group yet is decided.
    enum Beginning: Sendable {
        /// Decided without following: the message needs no following, or it starts it from a GroupInfo.
        case decided(Verdict)
        /// The group as of the commit's epoch, from its ratchet tree: observe the commit in it.
        case treeOfEpoch(PublicGroup)
    }

    /// A PublicMessage in a room that follows no group: only a commit starts the following, and in a room
    /// already bound to a group, only an owner's or admin's.
    func begin(_ framed: PublicMessage, context: Context, bootstrap: Bootstrap) async throws(RoomError) -> Beginning {
        if context.roomBound {
            // The group exists but is not followed (a room from before policies, or one switched to
            // PublicMessage): whoever starts the following decides what MLSGate believes the group is.
            guard framed.content.contentType == .commit else {
                throw RoomError(
                    .missingRatchetTree,
                    "the room does not follow its group yet: an owner or admin must first send a commit "
                        + "with <ratchet-tree/>")
            }
            guard context.settings.administers(context.sender) else {
                throw RoomError(
                    .policyViolation,
                    "the room does not follow its group yet: only an owner or admin may send the commit that starts it")
            }
        } else {
            guard framed.content.contentType == .commit else { return .decided(Verdict()) }
        }
        guard bootstrap.ratchetTree != nil else {
            return .decided(try await start(framed, context: context, bootstrap: bootstrap))
        }
        return .treeOfEpoch(try await treeOfEpoch(framed, bootstrap: bootstrap))
    }

    /// The group as of the commit's epoch, from the ratchet tree sent with it: the commit is then checked
    /// like any other, but members' signatures cannot be, the transcript being unknown.
    private func treeOfEpoch(_ framed: PublicMessage, bootstrap: Bootstrap) async throws(RoomError) -> PublicGroup {
        guard case .commit(let commit) = framed.content.body, let tree = bootstrap.ratchetTree else {
            throw RoomError(.missingRatchetTree, "no ratchet tree came with the commit")
        }
        let suite = bootstrap.cipherSuite ?? commit.proposals.lazy.compactMap { item -> CipherSuite? in
            if case .proposal(.add(let keyPackage)) = item { return keyPackage.cipherSuite }
            return nil
        }.first
        guard let suite else {
            throw RoomError(.missingRatchetTree, "name the group's cipher suite: <ratchet-tree cipher-suite='N'/>")
        }
        do {
            return try await PublicGroup(
                groupID: framed.content.groupID, epoch: framed.content.epoch, cipherSuite: suite, ratchetTree: tree,
                crypto: crypto, services: services)
        } catch {
            throw RoomError(.invalidHandshake, "the ratchet tree is not valid: \(error)")
        }
    }

    /// Starts following a group from the GroupInfo sent with the commit that binds the room, or that the
    /// room receives while it follows no group: its previous epoch is unknown, so the commit is checked
    /// against what it claims.
    private func start(_ framed: PublicMessage, context: Context, bootstrap: Bootstrap) async throws(RoomError)
        -> Verdict
    {
        guard case .commit(let commit) = framed.content.body else { return Verdict() }
        let content = framed.content
        // The sequencer refuses such a commit first; the epoch arithmetic below must not overflow anyway.
        guard content.epoch < UInt64.max else {
            throw RoomError(.invalidHandshake, "a commit cannot leave the last epoch")
        }
        guard commit.proposals.allSatisfy({ if case .proposal = $0 { true } else { false } }) else {
            throw RoomError(.invalidHandshake, "the commit that starts the room's following cannot reference proposals")
        }
        guard let groupInfo = bootstrap.groupInfo else {
            throw RoomError(
                .missingRatchetTree,
                "this room enforces its policy on PublicMessage handshakes: send its first commit with the "
                    + "ratchet tree of the epoch it commits, <ratchet-tree xmlns='urn:xmpp:mls:0'/>, or with the "
                    + "<group-info/> of the epoch it creates, carrying its tree")
        }
        let followed: PublicGroup
        do {
            followed = try await PublicGroup(
                groupInfo: groupInfo, ratchetTree: bootstrap.ratchetTree, crypto: crypto, services: services)
        } catch {
            throw RoomError(.invalidHandshake, "the ratchet tree or GroupInfo is not valid: \(error)")
        }
        guard followed.groupID == content.groupID, followed.epoch == content.epoch + 1 else {
            throw RoomError(.invalidHandshake, "the ratchet tree or GroupInfo is not of the epoch this commit creates")
        }
        let committer = try committerLeaf(of: commit, content: content, in: followed, policy: context.settings.policy)
        let added = try addedLeaves(commit, in: followed)
        guard committer.leaf.credential.jid == context.sender else {
            throw RoomError(
                .policyViolation,
                "the commit is signed by \(Self.describe(committer.leaf.credential)), not by the sender \(context.sender)")
        }
        let proposals = commit.proposals.compactMap { item -> (Proposal, Sender)? in
            if case .proposal(let proposal) = item { return (proposal, content.sender) }
            return nil
        }
        try checkMembershipChange(proposals, base: nil, context: context)
        let summary = PublicCommit(
            committer: content.sender, committerLeaf: committer.index, epoch: followed.epoch, added: added,
            removed: [], updated: [], proposals: proposals.map { ResolvedProposal(proposal: $0.0, sender: $0.1) },
            reinit: nil, isExternalJoin: content.sender == .newMemberCommit)
        return Verdict(state: followed, commit: summary)
    }

    /// The committer's leaf in the tree of the epoch a starting commit creates: the tree must hold what the
    /// commit put in it.
    private func committerLeaf(
        of commit: Commit, content: FramedContent, in followed: PublicGroup, policy: RoomPolicy
    ) throws(RoomError) -> (index: LeafIndex, leaf: LeafNode) {
        let index: LeafIndex?
        switch content.sender {
        case .member(let leaf):
            index = leaf
            if let path = commit.path, followed.tree.leaf(leaf) != path.leafNode {
                throw RoomError(.invalidHandshake, "the ratchet tree does not hold the committer's new leaf")
            }
        case .newMemberCommit:
            guard policy.externalJoins else {
                throw RoomError(.policyViolation, "external joins are off in this room")
            }
            index = followed.members.first { $0.leaf == commit.path?.leafNode }?.index
        default:
            throw RoomError(.invalidHandshake, "a commit from \(content.sender)")
        }
        guard let index, let leaf = followed.tree.leaf(index) else {
            throw RoomError(.invalidHandshake, "the ratchet tree does not hold the committer")
        }
        return (index, leaf)
    }

    /// The leaves a starting commit adds, which the tree of its new epoch must hold.
    private func addedLeaves(_ commit: Commit, in followed: PublicGroup) throws(RoomError)
        -> [(index: LeafIndex, leaf: LeafNode)]
    {
        var added: [(index: LeafIndex, leaf: LeafNode)] = []
        for item in commit.proposals {
            guard case .proposal(.add(let keyPackage)) = item else { continue }
            guard let index = followed.members.first(where: { $0.leaf == keyPackage.leafNode })?.index else {
                throw RoomError(.invalidHandshake, "the ratchet tree does not hold a member the commit adds")
            }
            added.append((index, keyPackage.leafNode))
        }
        return added
    }
}
