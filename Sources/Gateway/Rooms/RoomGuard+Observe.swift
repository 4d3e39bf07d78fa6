import DeliveryService
import MLS
import XMPP

extension RoomGuard {
    /// A PublicMessage handshake in a group the room follows: the followed state observes it as every member
    /// would, then its sender and membership changes are checked against the policy.
    func observe(
        _ message: MLSMessage, _ framed: PublicMessage, in base: PublicGroup, context: Context, bootstrap: Bootstrap
    ) async throws(RoomError) -> Verdict {
        try checkSender(framed.content, sender: context.sender, tree: base.tree, policy: context.settings.policy)
        var followed = base
        let observation: PublicGroup.Observation
        do {
            observation = try await followed.observe(message)
        } catch {
            throw RoomError(.invalidHandshake, "the members would refuse this handshake: \(error)")
        }
        switch observation {
        case .proposal(let proposal):
            try checkMembershipChange([(proposal.proposal, proposal.sender)], base: base, context: context)
            if case .update(let leaf) = proposal.proposal, case .member(let index) = proposal.sender {
                try Self.checkIdentityKept(base.tree.leaf(index), leaf)
            }
            return Verdict(state: followed)
        case .commit(let commit):
            try checkMembershipChange(commit.proposals.map { ($0.proposal, $0.sender) }, base: base, context: context)
            let renewed = commit.updated + (commit.isExternalJoin ? [] : commit.committerLeaf.map { [$0] } ?? [])
            for index in renewed {
                try Self.checkIdentityKept(base.tree.leaf(index), followed.tree.leaf(index))
            }
            if let groupInfo = bootstrap.groupInfo {
                do {
                    try followed.adopt(groupInfo)
                } catch {
                    throw RoomError(
                        .invalidHandshake, "the GroupInfo does not describe the epoch this commit creates: \(error)")
                }
            }
            return Verdict(state: followed, commit: commit)
        case .application, .encryptedHandshake:
            return Verdict()
        }
    }
}
