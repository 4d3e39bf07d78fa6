import DeliveryService
import XMPP

/// Why a room refused a handshake before the sequencer saw it: its policy, or the group state it follows. The
/// text names the reason for the sender; no state changed.
///
/// Equal by code. Each code is sent as an application condition in `urn:xmpp:mls:0` with its stanza condition.
struct RoomError: Error, Sendable {
    /// The rule that refused the handshake.
    struct Code: Hashable, Sendable, CustomStringConvertible {
        let description: String
        /// The stanza error condition this code is reported with.
        let condition: StanzaErrorCondition

        /// The handshake breaks the room's policy: a PrivateMessage where PublicMessage is required, an Add
        /// or Remove by a member the policy does not allow, an external join where they are off, or a
        /// handshake sent on behalf of another member.
        static let policyViolation = Code(description: "policy-violation", condition: .notAllowed)
        /// The handshake is one the members would refuse: the room's followed group state finds it invalid.
        static let invalidHandshake = Code(description: "invalid-handshake", condition: .badRequest)
        /// The room does not follow its group yet, and the commit carries neither the ratchet tree nor a
        /// GroupInfo with it.
        static let missingRatchetTree = Code(description: "missing-ratchet-tree", condition: .badRequest)
        /// The room's followed state kept changing while the handshake was checked: send it again.
        static let changedWhileChecked = Code(description: "stale-epoch", condition: .conflict)
        /// The sender left, or the room was destroyed, while the handshake was checked.
        static let senderGone = Code(description: "unknown-room", condition: .itemNotFound)
    }

    var code: Code
    /// A sentence naming the reason, sent as the stanza error's text; it names the underlying error, if any.
    var message: String
    /// Never set: a room's refusal goes to its sender at once, its reason in ``message``.
    var cause: (any Error)? { nil }

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension RoomError: CodedError {}
