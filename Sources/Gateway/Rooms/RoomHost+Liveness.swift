import Foundation
import Logging
import XMPP

/// How occupants whose sessions ended leave, and how clients learn whether they are still occupants.
///
/// ```text
/// error bounced to room/nick from an occupant's JID ─▶ the occupant is removed (status 333)
/// XMPP server stream rebuilt                         ─▶ every occupant on the server is removed (status 333)
/// iq ping to room/own-nick (XEP-0410)                ─▶ result when joined, not-acceptable when not
/// ```
extension RoomHost {
    /// Handles a message to an occupant JID, `room@domain/nick`. Rooms relay no private messages; an error
    /// bounced back from an occupant's JID, typically for a reflected message, means its session is gone.
    func handleOccupantMessage(_ message: Message) {
        guard let from = message.from, let to = message.to else { return }
        let room = to.bare
        guard message.type != .error else {
            remove(jid: from, room: room, status: 333)
            return
        }
        let error = StanzaError(.notAcceptable, text: "this room relays no private messages; send to the room")
        if let reply = message.errorReply(error) { send(reply) }
    }

    /// XEP-0410: a ping to the sender's own occupant JID is answered by the room: a result when the sender is
    /// that occupant, `not-acceptable` when it is not joined, so that its client joins again. Pings between
    /// occupants are not relayed.
    func handleSelfPing(_ iq: IQ) throws(StanzaError) -> XMLElement? {
        guard let from = iq.from, let to = iq.to, let nick = to.resourcepart else {
            throw StanzaError(.badRequest, text: "ping an occupant JID, room@\(domain)/nick")
        }
        guard let occupant = rosters[to.bare]?.occupant(jid: from) else {
            throw StanzaError(.notAcceptable, text: "you are not an occupant of \(to.bare); join it again")
        }
        guard Nickname.same(occupant.nick, nick) else {
            throw StanzaError(.serviceUnavailable, text: "the room relays no IQs to other occupants")
        }
        return nil
    }

    /// The XMPP server's stream was rebuilt: the server's sessions, and with them their directed presences to the
    /// rooms, may be gone, so every occupant on the server leaves. MLSGate's own bots and bridges stay. Each
    /// removal carries status 333 (XEP-0045 "Service removes user because of error response") and reaches the
    /// removed occupant too: a client still connected then knows to join again.
    /// - Parameter cutoff: When the stream was rebuilt: occupants who entered since, on the new stream, stay.
    /// - Returns: How many occupants were removed.
    @discardableResult
    public func removeServerOccupants(joinedBefore cutoff: Date) -> Int {
        let removed = removeOccupants(status: 333, joinedBefore: cutoff)
        if removed > 0 {
            logger.notice(
                "occupants removed after the XMPP server's stream was rebuilt", metadata: ["occupants": "\(removed)"])
        }
        return removed
    }

    /// MLSGate shuts down: every occupant on the server is told with status 332 (XEP-0045 "Service removes user
    /// because of service shut down"), so that clients join again when it is back.
    /// - Returns: How many occupants were told.
    @discardableResult
    public func shutDown() -> Int {
        removeOccupants(status: 332, joinedBefore: .distantFuture)
    }

    /// Removes every occupant who entered before a time, but MLSGate's own bots and bridges, with a status.
    private func removeOccupants(status: Int, joinedBefore cutoff: Date) -> Int {
        var removed = 0
        for (room, roster) in rosters {
            for occupant in roster.occupants
            where occupant.joinedAt < cutoff && !configuration.reservedJIDs.contains(occupant.jid.bare) {
                remove(jid: occupant.jid, room: room, status: status)
                removed += 1
            }
        }
        return removed
    }
}
