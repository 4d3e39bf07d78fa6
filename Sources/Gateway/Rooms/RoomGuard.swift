import DeliveryService
import MLS
import XMPP

/// Checks a room's handshakes against its policy and against the group state MLSGate follows, before the
/// sequencer accepts them (RFC 9750 §5.3): a buggy or malicious member cannot make the members disagree.
///
/// ```text
/// PrivateMessage handshake ─▶ refused when the policy requires PublicMessage
/// PublicMessage, room followed     ─▶ PublicGroup.observe ─▶ sender is the stanza's JID ─▶ policy ─▶ new state
/// PublicMessage commit, not followed ─▶ start from <ratchet-tree/> (its epoch) or <group-info/> (the next)
/// ```
///
/// Pure: it reads nothing and writes nothing; the ``RoomHost`` saves the verdict's state with the message.
struct RoomGuard: Sendable {
    let crypto: any CryptoProvider
    let services: GroupServices

    /// What to save and announce once the sequencer accepts the message.
    struct Verdict: Sendable {
        /// The followed state after the message, or nil when it does not change.
        var state: PublicGroup?
        /// The commit, when the message was one the room follows.
        var commit: PublicCommit?
    }

    /// Attachments of a commit that let MLSGate start following its group.
    struct Bootstrap: Sendable {
        var groupInfo: GroupInfo?
        var ratchetTree: RatchetTreeNodes?
        /// The suite named by `<ratchet-tree cipher-suite='N'/>`.
        var cipherSuite: CipherSuite?
    }

    /// - Parameters:
    ///   - message: The MLSMessage submitted.
    ///   - sender: The bare JID of the occupant who sent it.
    ///   - settings: The room's policy and affiliations.
    ///   - state: The group state the room follows, if any.
    ///   - bootstrap: What came with the message to start following.
    ///   - roomBound: Whether a commit already bound the room to a group.
    ///   - serviceKey: MLSGate's own signature key in the followed group's suite: external proposals signed
    ///     with it (idle eviction) are MLSGate's, not the sender's.
    /// - Throws: `SequencerError` `.policyViolation`, `.invalidHandshake` or `.missingRatchetTree`.
    func check(
        _ message: MLSMessage, sender: String, settings: RoomSettings, state: PublicGroup?, bootstrap: Bootstrap,
        roomBound: Bool = false, serviceKey: [UInt8]? = nil
    ) async throws(SequencerError) -> Verdict {
        let policy = settings.policy
        switch message.body {
        case .privateMessage(let framed):
            if framed.contentType != .application, policy.handshakes == .publicMessage {
                throw SequencerError(
                    .policyViolation, "this room requires handshakes as PublicMessage, so that MLSGate can enforce its policy")
            }
            return Verdict()
        case .publicMessage(let framed):
            guard policy.handshakes == .publicMessage else { return Verdict() }
            var followed: PublicGroup
            if let state {
                followed = state
            } else {
                if roomBound {
                    // The group exists but is not followed (a room from before policies, or one switched to
                    // PublicMessage): whoever starts the following decides what MLSGate believes the group is.
                    guard framed.content.contentType == .commit else {
                        throw SequencerError(
                            .missingRatchetTree,
                            "the room does not follow its group yet: an owner or admin must first send a commit "
                                + "with <ratchet-tree/>")
                    }
                    guard settings.administers(sender) else {
                        throw SequencerError(
                            .policyViolation,
                            "the room does not follow its group yet: only an owner or admin may send the commit that starts it")
                    }
                } else {
                    guard framed.content.contentType == .commit else { return Verdict() }
                }
                if bootstrap.ratchetTree == nil {
                    return try await start(framed, sender: sender, settings: settings, bootstrap: bootstrap)
                }
                followed = try await treeOfEpoch(framed, bootstrap: bootstrap)
            }
            try checkSender(framed.content.sender, content: framed.content, sender: sender, tree: followed.tree, policy: policy)
            let base = followed
            let observation: PublicGroup.Observation
            do {
                observation = try await followed.observe(message)
            } catch {
                throw SequencerError(.invalidHandshake, "the members would refuse this handshake: \(error)", cause: error)
            }
            switch observation {
            case .proposal(let proposal):
                try checkMembershipChange(
                    [(proposal.proposal, proposal.sender)], committer: sender, base: base, settings: settings,
                    serviceKey: serviceKey)
                if case .update(let leaf) = proposal.proposal, case .member(let index) = proposal.sender {
                    try Self.checkIdentityKept(base.tree.leaf(index), leaf)
                }
                return Verdict(state: followed)
            case .commit(let commit):
                try checkMembershipChange(
                    commit.proposals.map { ($0.proposal, $0.sender) }, committer: sender, base: base, settings: settings,
                    serviceKey: serviceKey)
                let renewed = commit.updated + (commit.isExternalJoin ? [] : commit.committerLeaf.map { [$0] } ?? [])
                for index in renewed {
                    try Self.checkIdentityKept(base.tree.leaf(index), followed.tree.leaf(index))
                }
                if let groupInfo = bootstrap.groupInfo {
                    do {
                        try followed.adopt(groupInfo)
                    } catch {
                        throw SequencerError(
                            .invalidHandshake, "the GroupInfo does not describe the epoch this commit creates: \(error)",
                            cause: error)
                    }
                }
                return Verdict(state: followed, commit: commit)
            case .application, .encryptedHandshake:
                return Verdict()
            }
        default:
            return Verdict()
        }
    }

    /// The group as of the commit's epoch, from the ratchet tree sent with it: the commit is then checked
    /// like any other, but members' signatures cannot be, the transcript being unknown.
    private func treeOfEpoch(_ framed: PublicMessage, bootstrap: Bootstrap) async throws(SequencerError) -> PublicGroup {
        guard case .commit(let commit) = framed.content.body, let tree = bootstrap.ratchetTree else {
            throw SequencerError(.missingRatchetTree, "no ratchet tree came with the commit")
        }
        let suite = bootstrap.cipherSuite ?? commit.proposals.lazy.compactMap { item -> CipherSuite? in
            if case .proposal(.add(let keyPackage)) = item { return keyPackage.cipherSuite }
            return nil
        }.first
        guard let suite else {
            throw SequencerError(.missingRatchetTree, "name the group's cipher suite: <ratchet-tree cipher-suite='N'/>")
        }
        do {
            return try await PublicGroup(
                groupID: framed.content.groupID, epoch: framed.content.epoch, cipherSuite: suite, ratchetTree: tree,
                crypto: crypto, services: services)
        } catch {
            throw SequencerError(.invalidHandshake, "the ratchet tree is not valid: \(error)", cause: error)
        }
    }

    /// Starts following a group from the GroupInfo sent with the commit that binds the room, or that the
    /// room receives while it follows no group: its previous epoch is unknown, so the commit is checked
    /// against what it claims.
    private func start(
        _ framed: PublicMessage, sender: String, settings: RoomSettings, bootstrap: Bootstrap
    ) async throws(SequencerError) -> Verdict {
        guard case .commit(let commit) = framed.content.body else { return Verdict() }
        let content = framed.content
        guard content.epoch < UInt64.max else {
            throw SequencerError(.epochExhausted, "a commit cannot leave the last epoch")
        }
        for item in commit.proposals {
            guard case .proposal = item else {
                throw SequencerError(
                    .invalidHandshake, "the commit that starts the room's following cannot reference proposals")
            }
        }
        let followed: PublicGroup
        do {
            if let groupInfo = bootstrap.groupInfo {
                followed = try await PublicGroup(
                    groupInfo: groupInfo, ratchetTree: bootstrap.ratchetTree, crypto: crypto, services: services)
            } else {
                throw SequencerError(
                    .missingRatchetTree,
                    "this room enforces its policy on PublicMessage handshakes: send its first commit with the "
                        + "ratchet tree of the epoch it commits, <ratchet-tree xmlns='urn:xmpp:mls:0'/>, or with the "
                        + "<group-info/> of the epoch it creates, carrying its tree")
            }
        } catch let error as SequencerError {
            throw error
        } catch {
            throw SequencerError(.invalidHandshake, "the ratchet tree or GroupInfo is not valid: \(error)", cause: error)
        }
        guard followed.groupID == content.groupID, followed.epoch == content.epoch + 1 else {
            throw SequencerError(.invalidHandshake, "the ratchet tree or GroupInfo is not of the epoch this commit creates")
        }
        // The tree must hold what the commit put in it.
        var committerLeaf: LeafIndex?
        switch content.sender {
        case .member(let leaf):
            committerLeaf = leaf
            if let path = commit.path, followed.tree.leaf(leaf) != path.leafNode {
                throw SequencerError(.invalidHandshake, "the ratchet tree does not hold the committer's new leaf")
            }
        case .newMemberCommit:
            guard settings.policy.externalJoins else {
                throw SequencerError(.policyViolation, "external joins are off in this room")
            }
            committerLeaf = followed.members.first { $0.leaf == commit.path?.leafNode }?.index
        default:
            throw SequencerError(.invalidHandshake, "a commit from \(content.sender)")
        }
        guard let committerLeaf, let leaf = followed.tree.leaf(committerLeaf) else {
            throw SequencerError(.invalidHandshake, "the ratchet tree does not hold the committer")
        }
        let memberLeaves = Set(followed.members.map(\.leaf))
        var added: [(index: LeafIndex, leaf: LeafNode)] = []
        for item in commit.proposals {
            guard case .proposal(.add(let keyPackage)) = item else { continue }
            guard memberLeaves.contains(keyPackage.leafNode),
                let index = followed.members.first(where: { $0.leaf == keyPackage.leafNode })?.index
            else {
                throw SequencerError(.invalidHandshake, "the ratchet tree does not hold a member the commit adds")
            }
            added.append((index, keyPackage.leafNode))
        }
        guard leaf.credential.jid?.description == sender else {
            throw SequencerError(
                .policyViolation, "the commit is signed by \(Self.describe(leaf.credential)), not by the sender \(sender)")
        }
        let proposals = commit.proposals.compactMap { item -> (Proposal, Sender)? in
            if case .proposal(let proposal) = item { return (proposal, content.sender) }
            return nil
        }
        try checkMembershipChange(proposals, committer: sender, base: nil, settings: settings, serviceKey: nil)
        let summary = PublicCommit(
            committer: content.sender, committerLeaf: committerLeaf, epoch: followed.epoch, added: added, removed: [],
            updated: [], proposals: proposals.map { ResolvedProposal(proposal: $0.0, sender: $0.1) }, reinit: nil,
            isExternalJoin: content.sender == .newMemberCommit)
        return Verdict(state: followed, commit: summary)
    }

    /// A member's handshake must come from the member's own JID, and external joins must be allowed.
    private func checkSender(
        _ mlsSender: Sender, content: FramedContent, sender: String, tree: RatchetTree, policy: RoomPolicy
    ) throws(SequencerError) {
        switch mlsSender {
        case .member(let index):
            guard let leaf = tree.leaf(index) else { return }  // the core refuses an unknown sender
            guard leaf.credential.jid?.description == sender else {
                throw SequencerError(
                    .policyViolation,
                    "the handshake is signed by leaf \(index.rawValue) (\(Self.describe(leaf.credential))), not by the sender \(sender)")
            }
        case .newMemberCommit, .newMemberProposal:
            guard policy.externalJoins else {
                throw SequencerError(.policyViolation, "external joins are off in this room")
            }
            let leaf: LeafNode? =
                switch content.body {
                case .commit(let commit): commit.path?.leafNode
                case .proposal(.add(let keyPackage)): keyPackage.leafNode
                default: nil
                }
            guard let leaf, leaf.credential.jid?.description == sender else {
                throw SequencerError(.policyViolation, "an external join must come from the joiner's own JID")
            }
        case .external:
            return
        }
    }

    /// Under `owners-and-admins`, Adds, Removes and extension changes need an owner or admin: as committer,
    /// or as the member who proposed them by reference. A member may always remove its own leaf (leaving, or
    /// a resync), a SelfRemove (draft-ietf-mls-extensions) removes only its own sender and is allowed whoever
    /// commits it, and MLSGate's own external proposals (idle eviction) are always allowed; any other external
    /// proposal counts as the occupant's who sent it.
    private func checkMembershipChange(
        _ proposals: [(Proposal, Sender)], committer: String, base: PublicGroup?, settings: RoomSettings,
        serviceKey: [UInt8]?
    ) throws(SequencerError) {
        guard settings.policy.membershipChanges == .ownersAndAdmins, !settings.administers(committer) else { return }
        let externalSenders = (try? base.map { try ExternalSender.list(in: $0.context.extensions) }) ?? nil
        for (proposal, proposer) in proposals {
            switch proposer {
            case .member(let leaf):
                if let jid = base?.tree.leaf(leaf)?.credential.jid?.description, jid != committer,
                    settings.administers(jid)
                {
                    continue  // proposed by an owner or admin, by reference
                }
            case .external(let index):
                if let serviceKey, let senders = externalSenders, Int(index) < senders.count,
                    senders[Int(index)].signatureKey == serviceKey
                {
                    continue  // MLSGate's own proposal
                }
            default:
                break
            }
            switch proposal {
            case .add:
                throw SequencerError(.policyViolation, "only the room's owners and admins may add members")
            case .remove(let removed):
                if let jid = base?.tree.leaf(removed)?.credential.jid?.description, jid == committer { continue }
                throw SequencerError(.policyViolation, "only the room's owners and admins may remove members")
            case .groupContextExtensions:
                throw SequencerError(.policyViolation, "only the room's owners and admins may change the group's extensions")
            case .selfRemove:
                continue  // leaving is always allowed, whatever the policy
            default:
                continue
            }
        }
    }

    /// A leaf's new keys must keep the JID its credential names (RFC 9420 §5.3.1): the room's member list,
    /// presences and affiliations all go by it.
    private static func checkIdentityKept(_ old: LeafNode?, _ new: LeafNode?) throws(SequencerError) {
        guard let old, let new else { return }
        guard old.credential.jid == new.credential.jid else {
            throw SequencerError(
                .policyViolation, "a member's new leaf names \(describe(new.credential)), not \(describe(old.credential))")
        }
    }

    private static func describe(_ credential: Credential) -> String {
        credential.jid?.description ?? "a credential that names no JID"
    }
}
