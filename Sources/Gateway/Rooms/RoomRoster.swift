import XMPP

/// The occupants of one room in the order they joined. Kept in memory: occupants rejoin after a restart.
struct RoomRoster: Sendable {
    /// The occupants, oldest first.
    private(set) var occupants: [RoomOccupant] = []

    /// The occupant joined from a full JID.
    func occupant(jid: JID) -> RoomOccupant? {
        occupants.first { $0.jid == jid }
    }

    /// The occupant holding a nick, compared as RFC 8266 says.
    func occupant(nick: String) -> RoomOccupant? {
        occupants.first { Nickname.same($0.nick, nick) }
    }

    /// Adds an occupant, last.
    mutating func add(_ occupant: RoomOccupant) {
        occupants.append(occupant)
    }

    /// Removes the occupant joined from a full JID.
    /// - Returns: The occupant removed, if there was one.
    mutating func remove(jid: JID) -> RoomOccupant? {
        guard let index = occupants.firstIndex(where: { $0.jid == jid }) else { return nil }
        return occupants.remove(at: index)
    }
}
