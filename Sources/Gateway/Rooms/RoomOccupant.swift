import XMPP

/// An occupant of a room as operators see it: the nick and the real JID it joined from.
public struct RoomOccupant: Hashable, Sendable {
    /// The nick, the resource of `room@domain/nick`.
    public var nick: String
    /// The real full JID.
    public var jid: JID

    public init(nick: String, jid: JID) {
        self.nick = nick
        self.jid = jid
    }
}
