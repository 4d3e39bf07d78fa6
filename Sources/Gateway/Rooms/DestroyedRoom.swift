import XMPP

/// What destroying a room removed.
public struct DestroyedRoom: Hashable, Sendable {
    /// The room's bare JID.
    public var room: JID
    /// The accepted messages deleted from the store.
    public var deletedMessages: Int
    /// The occupants removed from the room, each told with a `<destroy/>` presence.
    public var removedOccupants: [RoomOccupant]
}
