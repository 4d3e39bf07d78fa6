import DeliveryService
import Foundation
import MLS
import XMPP

/// Everything the `show-room` command reports about one room, gathered in one place: what the store holds (group,
/// epoch, accepted messages, policy and affiliations) and what the ``RoomHost`` knows now (the group's members as
/// it follows them, the occupants). A new figure about rooms is added here, in ``load(room:store:host:)`` and
/// ``formFields``, and nowhere else.
public struct RoomDetails: Hashable, Sendable {
    /// One member of the group as the room follows it.
    public struct Member: Hashable, Sendable {
        /// Its leaf in the ratchet tree.
        public var leaf: UInt32
        /// The JID its basic credential names, or nil for another credential.
        public var jid: JID?

        public init(leaf: UInt32, jid: JID?) {
            self.leaf = leaf
            self.jid = jid
        }
    }

    /// The room's bare JID.
    public var room: JID
    /// What the store holds: group id, epoch, GroupInfo size, accepted messages by kind, senders, last acceptance.
    public var summary: RoomSummary
    /// The room's policy and its owners and admins.
    public var settings: RoomSettings
    /// The group's members, or nil when the room does not follow its group (its handshakes may be PrivateMessage,
    /// or no commit was accepted yet).
    public var members: [Member]?
    /// The occupants now, in the order they joined.
    public var occupants: [RoomOccupant]

    public init(
        room: JID, summary: RoomSummary, settings: RoomSettings, members: [Member]?, occupants: [RoomOccupant]
    ) {
        self.room = room
        self.summary = summary
        self.settings = settings
        self.members = members
        self.occupants = occupants
    }

    /// Reads one room's details.
    /// - Parameters:
    ///   - room: The room; only its bare JID counts.
    ///   - store: The database.
    ///   - host: The rooms being served.
    /// - Returns: The details, or nil when the store has no such room.
    /// - Throws: `StoreError`, or the `StanzaError` of the rooms, when the database cannot be read.
    public static func load(room: JID, store: DeliveryStore, host: RoomHost) async throws -> RoomDetails? {
        let room = room.bare
        guard let summary = try store.roomSummary(jid: room.description) else { return nil }
        let settings = try await host.settings(for: room)
        let members = try await host.followedState(room)?.members.map { member in
            Member(leaf: member.index.rawValue, jid: member.leaf.credential.jid)
        }
        return RoomDetails(
            room: room, summary: summary, settings: settings, members: members,
            occupants: await host.occupants(in: room))
    }

    /// The details as the fields of a result form; empty values where there is nothing to show.
    public var formFields: [DataFormField] {
        func field(_ variable: String, _ label: String, _ values: [String], type: DataFormField.FieldType = .textSingle)
            -> DataFormField
        {
            DataFormField(variable: variable, type: type, label: label, values: values)
        }
        let policy = settings.policy
        return [
            field("room", "Room", [room.description], type: .jidSingle),
            field("group-id", "MLS group id (hex)", summary.groupID.map { [$0.hexString] } ?? []),
            field("epoch", "Epoch", [String(summary.epoch)]),
            field("group-info-bytes", "GroupInfo size (bytes)", summary.groupInfoBytes.map { [String($0)] } ?? []),
            field("commits", "Accepted commits", [String(summary.commits)]),
            field("proposals", "Accepted proposals", [String(summary.proposals)]),
            field("application-messages", "Accepted application messages", [String(summary.applicationMessages)]),
            field("senders", "Distinct senders", [String(summary.senders)]),
            field("last-accepted", "Last accepted (UTC)", summary.lastAcceptedAt.map { [Self.timestamp($0)] } ?? []),
            field("member-count", "Group members", members.map { [String($0.count)] } ?? []),
            field(
                "members", "Group members (leaf, JID)",
                members?.map { "\($0.leaf) \($0.jid?.description ?? "-")" } ?? [], type: .textMulti),
            field("owners", "Owners", settings.owners, type: .jidMulti),
            field("admins", "Admins", settings.admins, type: .jidMulti),
            field("policy", "Policy", [RoomHost.describe(policy)]),
            field("membership-changes", "Who may add and remove members", [policy.membershipChanges.rawValue]),
            field("external-joins", "External joins allowed", [policy.externalJoins ? "1" : "0"], type: .boolean),
            field("handshakes", "How proposals and commits travel", [policy.handshakes.rawValue]),
            field(
                "members-only", "Only members may enter", [policy.occupants == .membersOnly ? "1" : "0"],
                type: .boolean),
            field(
                "idle-eviction-epochs", "Epochs before an idle member's removal (0: never)",
                [String(policy.idleEvictionEpochs)]),
            field("occupant-count", "Occupants now", [String(occupants.count)]),
            field("occupants", "Occupants (nick, JID)", occupants.map { "\($0.nick) \($0.jid)" }, type: .textMulti),
        ]
    }

    /// A XEP-0082 time in UTC.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
