import Foundation
import MLS
import XMPP

/// How a bot's departure from a room went.
public enum BotDeparture: Hashable, Sendable {
    /// The bot is not a member of the room's group.
    case notAMember
    /// The bot sent the proposal of its removal to the room, then left: any member's next commit removes it.
    /// `selfRemove` tells whether it was a SelfRemove (draft-ietf-mls-extensions), which every member must
    /// support and any member may commit whatever the room's policy, or else a Remove of its own leaf (RFC 9420
    /// §12.1.3), which the room's policy may reserve to owners and admins.
    case proposed(selfRemove: Bool)
    /// The proposal could not be made, for the reason given; the bot left all the same, and a member has to
    /// remove its leaf.
    case couldNotPropose(String)
}

extension BotRunner {
    /// Leaves a room for good: proposes the bot's own removal from the room's group, with a SelfRemove when every
    /// member supports it, then leaves the room and forgets its group. Its bridge or an administrator decides this;
    /// a member's commit then removes the leaf, as the proposal asks.
    /// - Parameter room: The room.
    /// - Returns: What happened.
    public func leave(_ room: JID) async -> BotDeparture {
        let room = room.bare
        guard var group = rooms[room]?.group, group.status == .active else { return .notAMember }
        let selfRemove = group.isSelfRemoveCapable
        let proposal: MLSMessage?
        let departure: BotDeparture
        do {
            proposal = selfRemove ? try group.proposeSelfRemove() : try group.propose(.remove(group.ownLeaf))
            departure = .proposed(selfRemove: selfRemove)
        } catch {
            proposal = nil
            departure = .couldNotPropose("\(error)")
        }
        // Forgotten before anything is awaited, so that no room message handled meanwhile brings the group back.
        drop(room)
        if let proposal { await submit(proposal, groupInfo: nil, room: room) }
        logger.notice(
            "bot left a room", metadata: ["bot": "\(jid)", "room": "\(room)", "departure": "\(departure)"])
        await exit(room)
        return departure
    }

    /// The bot was removed, or its room destroyed: forget the group and leave the room.
    func removed(from room: JID) async {
        logger.info("bot was removed from a group", metadata: ["bot": "\(jid)", "room": "\(room)"])
        await forget(room)
    }

    /// Forgets a room's group, leaves the room and tells the bot.
    func forget(_ room: JID) async {
        drop(room)
        await exit(room)
    }

    /// Forgets a room's group, in memory and in the database, at once.
    func drop(_ room: JID) {
        rooms[room] = nil
        delete(StateKind.room, [room.description], what: "a room's state")
    }

    /// Leaves the room as an occupant and tells the bot.
    func exit(_ room: JID) async {
        if let occupant = try? room.withResource(nick) {
            _ = await route(Presence(type: .unavailable, id: UUID().uuidString, from: fullJID, to: occupant).element)
        }
        await bot.removed(room: room)
    }
}
