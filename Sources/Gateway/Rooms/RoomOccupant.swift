import Foundation
import XMPP

/// One occupant of a room: the nick it joined with and the full JID it joined from (XEP-0045 §7.2).
public struct RoomOccupant: Hashable, Sendable {
    /// The nick, the resource of `room@domain/nick`.
    public var nick: String
    /// The real full JID.
    public var jid: JID
    /// The occupant JID, `room@domain/nick`.
    public var roomJID: JID
    /// When it entered.
    public var joinedAt: Date
}
