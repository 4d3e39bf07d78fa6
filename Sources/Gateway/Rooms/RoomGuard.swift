import DeliveryService
import MLS
import XMPP

/// Checks a room's handshakes against its policy and against the group state MLSGate follows, before the
/// sequencer accepts them (RFC 9750 §5.3): a buggy or malicious member cannot make the members disagree.
///
/// ```text
/// PrivateMessage handshake           ─▶ refused when the policy requires PublicMessage
/// PublicMessage, room followed       ─▶ PublicGroup.observe ─▶ sender is the stanza's JID ─▶ policy ─▶ new state
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

    /// What the room knows of the handshake's context.
    struct Context: Sendable {
        /// The bare JID of the occupant who sent the handshake.
        var sender: JID
        /// The room's policy and affiliations.
        var settings: RoomSettings
        /// Whether a commit already bound the room to a group.
        var roomBound = false
        /// MLSGate's own signature key in the followed group's suite: external proposals signed with it (idle
        /// eviction) are MLSGate's, not the sender's.
        var serviceKey: [UInt8]?
    }

    /// - Parameters:
    ///   - message: The MLSMessage submitted.
    ///   - context: Who sent it, the room's settings and what the room knows.
    ///   - state: The group state the room follows, if any.
    ///   - bootstrap: What came with the message to start following.
    /// - Throws: `RoomError` `.policyViolation`, `.invalidHandshake` or `.missingRatchetTree`.
    func check(
        _ message: MLSMessage, context: Context, state: PublicGroup?, bootstrap: Bootstrap
    ) async throws(RoomError) -> Verdict {
        let policy = context.settings.policy
        switch message.body {
        case .privateMessage(let framed):
            if framed.contentType != .application, policy.handshakes == .publicMessage {
                throw RoomError(
                    .policyViolation, "this room requires handshakes as PublicMessage, so that MLSGate can enforce its policy")
            }
            return Verdict()
        case .publicMessage(let framed):
            guard policy.handshakes == .publicMessage else { return Verdict() }
            let followed: PublicGroup
            if let state {
                followed = state
            } else {
                switch try await begin(framed, context: context, bootstrap: bootstrap) {
                case .decided(let verdict): return verdict
                case .treeOfEpoch(let group): followed = group
                }
            }
            return try await observe(message, framed, in: followed, context: context, bootstrap: bootstrap)
        default:
            return Verdict()
        }
    }
}
