import Foundation
import MLS
import XMPP

extension BotRunner {
    /// Encrypts each body in an envelope and submits it to the room.
    /// - Returns: Whether every body was submitted.
    @discardableResult
    func send(_ bodies: [String], room: JID) async -> Bool {
        for body in bodies {
            guard var state = rooms[room] else { return false }
            // At least 16 random characters of padding: two envelopes with the same text made in the same second
            // still differ, so that no receiver takes the second for a replay of the first.
            let envelope = SCEEnvelope(
                body: body, from: jid, date: now(), rpad: SCEEnvelope.randomPadding(lengths: 16..<48))
            let message: MLSMessage
            do {
                message = try state.group.encrypt(envelope.serialized())
            } catch {
                logger.warning(
                    "bot cannot encrypt", metadata: ["bot": "\(jid)", "room": "\(room)", "error": "\(error)"])
                return false
            }
            state.sinceUpdate += 1
            rooms[room] = state
            saveRoom(room)
            await submit(message, groupInfo: nil, room: room)
        }
        return true
    }

    /// Commits a leaf update in every room where one is due.
    /// - Returns: Whether anything was submitted, so its reflection waits in the inbox.
    func updateLeaves() async -> Bool {
        var submitted = false
        for room in roomJIDs() {
            guard var state = rooms[room], !state.group.hasPendingCommit,
                schedule.isDue(messages: state.sinceUpdate, since: state.lastUpdate, now: now())
            else { continue }
            let output: CommitOutput
            do {
                output = try await state.group.commit(state.group.commitBuilder().withPath())
            } catch {
                logger.warning(
                    "bot cannot update its leaf", metadata: ["bot": "\(jid)", "room": "\(room)", "error": "\(error)"])
                state.sinceUpdate = 0
                state.lastUpdate = now()
                rooms[room] = state
                continue
            }
            rooms[room] = state
            saveRoom(room)
            await submit(output.commit, groupInfo: output.groupInfo, room: room)
            submitted = true
        }
        return submitted
    }

    /// Sends a group message to the room.
    /// - Returns: The room's replies to the sender: an error when it refused the message.
    @discardableResult
    func submit(_ message: MLSMessage, groupInfo: MLSMessage?, room: JID) async -> [XMLElement] {
        var payload = [
            XMLElement(name: "mls", namespace: MLSNamespace.mls, text: Base64Field.encode(message.tlsEncoded))
        ]
        if let groupInfo {
            payload.append(
                XMLElement(
                    name: "group-info", namespace: MLSNamespace.mls, text: Base64Field.encode(groupInfo.tlsEncoded))
            )
        }
        return await route(
            Message(type: .groupchat, id: UUID().uuidString, from: fullJID, to: room, payload: payload).element)
    }
}
