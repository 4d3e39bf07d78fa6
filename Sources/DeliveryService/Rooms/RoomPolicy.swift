/// The rules a room's members agree to enforce on its handshakes (RFC 9750 §6.1, §6.4, §6.5, §8.2.2),
/// set by the room's owners and advertised in its disco#info so every client enforces the same.
public struct RoomPolicy: Hashable, Sendable, Codable {
    /// Who may add and remove members.
    public enum MembershipChanges: String, Hashable, Sendable, Codable, CaseIterable {
        /// Any member.
        case anyone
        /// Only the room's owners and admins; any member may still remove itself.
        case ownersAndAdmins = "owners-and-admins"
    }

    /// How handshakes (proposals and commits) must travel.
    public enum Handshakes: String, Hashable, Sendable, Codable, CaseIterable {
        /// As PublicMessage, so MLSGate follows the group and enforces this policy itself.
        case publicMessage = "public"
        /// As PublicMessage or PrivateMessage; MLSGate then only orders them, and members enforce the policy.
        case privateAllowed = "private-allowed"
    }

    /// Who may be an occupant.
    public enum Occupants: String, Hashable, Sendable, Codable, CaseIterable {
        /// Anyone may enter, member of the group or not.
        case anyone
        /// Only members of the group, and the room's owners and admins.
        case membersOnly = "members-only"
    }

    public var membershipChanges: MembershipChanges
    public var externalJoins: Bool
    public var handshakes: Handshakes
    public var occupants: Occupants
    /// How many epochs a member may go without new leaf keys before MLSGate proposes its removal; 0: never.
    public var idleEvictionEpochs: UInt64

    /// The shipped default: anyone may enter, any member may add and remove, no external joins, PublicMessage
    /// handshakes, no idle eviction.
    public init(
        membershipChanges: MembershipChanges = .anyone, externalJoins: Bool = false,
        handshakes: Handshakes = .publicMessage, occupants: Occupants = .anyone, idleEvictionEpochs: UInt64 = 0
    ) {
        self.membershipChanges = membershipChanges
        self.externalJoins = externalJoins
        self.handshakes = handshakes
        self.occupants = occupants
        self.idleEvictionEpochs = idleEvictionEpochs
    }

    /// Why the policy cannot be enforced, or nil when it can: members-only occupancy and idle eviction need
    /// MLSGate to know the members, hence PublicMessage handshakes.
    public var inconsistency: String? {
        guard handshakes == .privateAllowed else { return nil }
        if occupants == .membersOnly { return "members-only occupancy needs PublicMessage handshakes" }
        if idleEvictionEpochs > 0 { return "idle eviction needs PublicMessage handshakes" }
        return nil
    }
}
