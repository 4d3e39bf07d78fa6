import DeliveryService
import Foundation
import XMPP

/// Everything the `show-room` command reports about one room, gathered in one place: what the store holds (group,
/// epoch, accepted messages) and what the ``RoomHost`` knows now (occupants). A new figure about rooms is added
/// here, in ``load(room:store:host:)`` and ``formFields``, and nowhere else.
public struct RoomDetails: Hashable, Sendable {
    /// The room's bare JID.
    public var room: JID
    /// What the store holds: group id, epoch, GroupInfo size, accepted messages by kind, senders, last acceptance.
    public var summary: RoomSummary
    /// The occupants now, in the order they joined.
    public var occupants: [RoomOccupant]

    public init(room: JID, summary: RoomSummary, occupants: [RoomOccupant]) {
        self.room = room
        self.summary = summary
        self.occupants = occupants
    }

    /// Reads one room's details.
    /// - Parameters:
    ///   - room: The room; only its bare JID counts.
    ///   - store: The database.
    ///   - host: The rooms being served.
    /// - Returns: The details, or nil when the store has no such room.
    /// - Throws: `StoreError` when the database cannot be read.
    public static func load(room: JID, store: DeliveryStore, host: RoomHost) async throws(StoreError) -> RoomDetails? {
        let room = room.bare
        guard let summary = try store.roomSummary(jid: room.description) else { return nil }
        return RoomDetails(room: room, summary: summary, occupants: await host.occupants(in: room))
    }

    /// The details as the fields of a result form; empty values where there is nothing to show.
    public var formFields: [DataFormField] {
        func field(_ variable: String, _ label: String, _ values: [String], type: DataFormField.FieldType = .textSingle)
            -> DataFormField
        {
            DataFormField(variable: variable, type: type, label: label, values: values)
        }
        return [
            field("room", "Room", [room.description], type: .jidSingle),
            field("group-id", "MLS group id (hex)", summary.groupID.map { [Self.hex($0)] } ?? []),
            field("epoch", "Epoch", [String(summary.epoch)]),
            field("group-info-bytes", "GroupInfo size (bytes)", summary.groupInfoBytes.map { [String($0)] } ?? []),
            field("commits", "Accepted commits", [String(summary.commits)]),
            field("proposals", "Accepted proposals", [String(summary.proposals)]),
            field("application-messages", "Accepted application messages", [String(summary.applicationMessages)]),
            field("senders", "Distinct senders", [String(summary.senders)]),
            field("last-accepted", "Last accepted (UTC)", summary.lastAcceptedAt.map { [Self.timestamp($0)] } ?? []),
            field("occupant-count", "Occupants now", [String(occupants.count)]),
            field("occupants", "Occupants (nick, JID)", occupants.map { "\($0.nick) \($0.jid)" }, type: .textMulti),
        ]
    }

    /// A XEP-0082 time in UTC.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
