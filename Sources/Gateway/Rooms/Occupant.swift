import XMPP

/// One occupant of a room: the nick it joined with and the full JID it joined from (XEP-0045 §7.2).
struct Occupant: Hashable, Sendable {
    /// The nick, the resource of `room@domain/nick`.
    var nick: String
    /// The real full JID.
    var jid: JID
    /// The occupant JID, `room@domain/nick`.
    var roomJID: JID
}
