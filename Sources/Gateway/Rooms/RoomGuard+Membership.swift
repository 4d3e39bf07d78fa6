import DeliveryService
import MLS
import XMPP

extension RoomGuard {
    /// A member's handshake must come from the member's own JID, and external joins must be allowed.
    func checkSender(_ content: FramedContent, sender: JID, tree: RatchetTree, policy: RoomPolicy) throws(RoomError) {
        switch content.sender {
        case .member(let index):
            guard let leaf = tree.leaf(index) else { return }  // the core refuses an unknown sender
            guard leaf.credential.jid == sender else {
                throw RoomError(
                    .policyViolation,
                    "the handshake is signed by leaf \(index.rawValue) (\(Self.describe(leaf.credential))), not by the sender \(sender)")
            }
        case .newMemberCommit, .newMemberProposal:
            guard policy.externalJoins else {
                throw RoomError(.policyViolation, "external joins are off in this room")
            }
            let leaf: LeafNode? =
                switch content.body {
                case .commit(let commit): commit.path?.leafNode
                case .proposal(.add(let keyPackage)): keyPackage.leafNode
                default: nil
                }
            guard let leaf, leaf.credential.jid == sender else {
                throw RoomError(.policyViolation, "an external join must come from the joiner's own JID")
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
    func checkMembershipChange(_ proposals: [(Proposal, Sender)], base: PublicGroup?, context: Context)
        throws(RoomError)
    {
        let settings = context.settings
        let committer = context.sender
        guard settings.policy.membershipChanges == .ownersAndAdmins, !settings.administers(committer) else { return }
        for (proposal, proposer) in proposals where !proposedByPrivileged(proposer, base: base, context: context) {
            switch proposal {
            case .add:
                throw RoomError(.policyViolation, "only the room's owners and admins may add members")
            case .remove(let removed):
                if let jid = base?.tree.leaf(removed)?.credential.jid, jid == committer { continue }
                throw RoomError(.policyViolation, "only the room's owners and admins may remove members")
            case .groupContextExtensions:
                throw RoomError(.policyViolation, "only the room's owners and admins may change the group's extensions")
            default:
                continue  // a SelfRemove included: leaving is always allowed, whatever the policy
            }
        }
    }

    /// Whether a proposal by reference came from an owner or admin other than the committer, or from MLSGate.
    private func proposedByPrivileged(_ proposer: Sender, base: PublicGroup?, context: Context) -> Bool {
        switch proposer {
        case .member(let leaf):
            guard let jid = base?.tree.leaf(leaf)?.credential.jid else { return false }
            return jid != context.sender && context.settings.administers(jid)
        case .external(let index):
            guard let serviceKey = context.serviceKey, let base,
                let senders = try? ExternalSender.list(in: base.context.extensions), Int(index) < senders.count
            else { return false }
            return senders[Int(index)].signatureKey == serviceKey
        default:
            return false
        }
    }

    /// A leaf's new keys must keep the JID its credential names (RFC 9420 §5.3.1): the room's member list,
    /// presences and affiliations all go by it.
    static func checkIdentityKept(_ old: LeafNode?, _ new: LeafNode?) throws(RoomError) {
        guard let old, let new else { return }
        guard old.credential.jid == new.credential.jid else {
            throw RoomError(
                .policyViolation, "a member's new leaf names \(describe(new.credential)), not \(describe(old.credential))")
        }
    }

    static func describe(_ credential: Credential) -> String {
        credential.jid?.description ?? "a credential that names no JID"
    }
}
