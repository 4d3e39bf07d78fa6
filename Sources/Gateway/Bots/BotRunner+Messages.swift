import Foundation
import MLS
import XMPP

extension BotRunner {
    /// Processes one accepted room message, in order.
    func process(_ payload: [UInt8], room: JID, senderNick: String?, stanzaID: String?) async {
        guard var state = rooms[room] else { return }
        if let stanzaID, state.seen.contains(stanzaID) { return }
        guard let message = try? MLSMessage(tlsEncoded: payload) else {
            state.processed(stanzaID)
            rooms[room] = state
            return
        }
        // The bot cannot decrypt its own application messages, and has nothing to learn from them.
        if senderNick == nick, case .privateMessage(let sealed) = message.body, sealed.contentType == .application {
            state.processed(stanzaID)
            rooms[room] = state
            saveRoom(room)
            return
        }
        let before = Dictionary(state.group.members.map { ($0.index, $0.leaf.credential) }) { first, _ in first }
        var group = state.group
        let processed: ProcessedMessage
        do {
            processed = try await processWinning(message, in: &group)
        } catch {
            skip(room: room, stanzaID: stanzaID, error: error)
            return
        }
        // The actor may have run something else while the group processed: a room left meanwhile stays left.
        guard rooms[room] != nil else { return }
        state.group = group
        state.processed(stanzaID)
        switch processed {
        case .application(let application):
            await deliver(application, state: state, room: room)
        case .proposal:
            rooms[room] = state
            saveRoom(room)
        case .commit(let summary):
            await merged(summary, state: state, membersBefore: before, room: room)
        }
    }

    /// Processes a message; when the group fails it while a commit of the bot's is pending, another member's commit
    /// won the epoch: the bot's will be refused, so it is dropped and the message processed again.
    private func processWinning(_ message: MLSMessage, in group: inout Group) async throws(GroupError)
        -> ProcessedMessage
    {
        do {
            return try await group.process(message)
        } catch {
            guard group.hasPendingCommit else { throw error }
            group.discardPendingCommit()
            return try await group.process(message)
        }
    }

    /// Saves the room and hands an application message to the bot when ``EnvelopeGuard`` accepts its envelope.
    private func deliver(_ application: ApplicationMessage, state: BotRoom, room: JID) async {
        var state = state
        let verdict = state.envelopes.admit(
            application, currentEpoch: state.group.epoch, pastEpochs: state.group.configuration.pastEpochs, room: room)
        rooms[room] = state
        saveRoom(room)
        switch verdict {
        case .accepted(let envelope, let sender):
            await send(await bot.messageReceived(envelope, sender: sender, room: room), room: room)
        case .refused(let refusal):
            // The reason only: neither the plaintext nor the claimed sender is logged.
            logger.debug(
                "bot dropped an application message",
                metadata: [
                    "bot": "\(jid)", "room": "\(room)", "epoch": "\(application.epoch)",
                    "leaf": "\(application.sender.rawValue)", "reason": "\(refusal)",
                ]
            )
        }
    }

    /// Saves the room after a commit and tells the bot who left and who joined; a commit removing the bot makes it
    /// forget the room.
    private func merged(
        _ summary: CommitSummary, state: BotRoom, membersBefore before: [LeafIndex: Credential], room: JID
    ) async {
        if summary.removedSelf {
            await removed(from: room)
            return
        }
        var state = state
        if summary.isOwnCommit {
            state.sinceUpdate = 0
            state.lastUpdate = now()
        }
        rooms[room] = state
        saveRoom(room)
        var replies: [String] = []
        for leaf in summary.removed {
            replies += await bot.memberRemoved(before[leaf]?.jid, room: room)
        }
        for leaf in summary.added {
            let credential = state.group.members.first { $0.index == leaf }?.leaf.credential
            replies += await bot.memberAdded(credential?.jid, room: room)
        }
        await send(replies, room: room)
    }

    /// A message the bot's group refuses (an older epoch, a replay, garbage) is skipped and counted as seen.
    private func skip(room: JID, stanzaID: String?, error: GroupError) {
        logger.debug("bot skipped a room message", metadata: ["bot": "\(jid)", "room": "\(room)", "error": "\(error)"])
        guard var state = rooms[room] else { return }
        state.sinceUpdate -= 1
        state.processed(stanzaID)
        rooms[room] = state
        saveRoom(room)
    }
}
