import XMPP

extension AdminCommands {
    /// Has a bot or bridge leave a room's group for good (``BotRunner/leave(_:)``).
    func removeBot(bot: JID, room: JID, requester: JID) async throws(StanzaError) -> AdminAnswer {
        guard let departure = await removeBot(bot, room) else {
            throw Self.badInput("\(bot) is not a bot or bridge of this gateway; nothing was changed")
        }
        let note: String
        switch departure {
        case .notAMember:
            throw Self.badInput("\(bot) is not a member of \(room)'s group; nothing was changed")
        case .proposed(selfRemove: true):
            note = "\(bot) proposed its SelfRemove from \(room)'s group and left the room; any member's next commit "
                + "removes it"
        case .proposed(selfRemove: false):
            note = "\(bot) proposed the Remove of its leaf from \(room)'s group (not every member supports "
                + "SelfRemove) and left the room; a member allowed to remove members must commit it"
        case .couldNotPropose(let reason):
            note = "\(bot) left \(room) and forgot its group, but could not propose its removal (\(reason)); a "
                + "member must remove its leaf"
        }
        logger.notice(
            "an administrator removed a bot from a room",
            metadata: ["admin": "\(requester.bare)", "bot": "\(bot)", "room": "\(room)", "departure": "\(departure)"])
        return AdminAnswer(notes: [AdHocCommand.Note(departure == .proposed(selfRemove: true) ? .info : .warn, note)])
    }
}
