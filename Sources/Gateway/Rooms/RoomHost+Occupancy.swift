import XMPP

extension RoomHost {
    /// How many occupants each room has now; rooms without occupants are absent.
    public func occupantCounts() -> [JID: Int] {
        rosters.mapValues(\.occupants.count)
    }

    /// The occupants of a room now, in the order they joined.
    /// - Parameter room: The room; only its bare JID counts.
    public func occupants(in room: JID) -> [RoomOccupant] {
        rosters[room.bare]?.occupants ?? []
    }
}
