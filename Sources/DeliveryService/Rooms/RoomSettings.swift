import XMPP

/// One room's saved policy and who administers it (XEP-0045 §5.2 affiliations): owners change the configuration,
/// owners and admins may add and remove members when the policy says so.
public struct RoomSettings: Hashable, Sendable, Codable {
    public var policy: RoomPolicy
    /// Bare JIDs.
    public var owners: [String]
    /// Bare JIDs.
    public var admins: [String]

    public init(policy: RoomPolicy, owners: [String], admins: [String] = []) {
        self.policy = policy
        self.owners = owners
        self.admins = admins
    }

    /// Whether a bare JID is an owner or admin.
    public func administers(_ jid: String) -> Bool {
        owners.contains(jid) || admins.contains(jid)
    }

    /// Whether a JID's bare JID is an owner or admin.
    public func administers(_ jid: JID) -> Bool {
        administers(jid.bare.description)
    }
}
