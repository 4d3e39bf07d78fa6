import Foundation
import GRDB
import MLS
import XMPP

extension RoomSequencer {
    /// The room's last accepted messages, oldest first: the history a joining occupant is sent.
    ///
    /// - Parameters:
    ///   - room: The room.
    ///   - limit: The most messages wanted, clamped to 0 through `maximumHistoryPage`.
    /// - Throws: `SequencerError.storage`.
    public func latest(room: JID, limit: Int) throws(SequencerError) -> [StoredMessage] {
        let roomKey = room.bare.description
        let count = min(max(limit, 0), configuration.maximumHistoryPage)
        guard count > 0 else { return [] }
        return try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT sequence, stanza_id, sender, epoch, content_type, payload, welcome, accepted_at
                    FROM accepted_messages WHERE room = ? ORDER BY sequence DESC LIMIT ?
                    """,
                arguments: [roomKey, count])
            return try rows.reversed().map(Self.storedMessage)
        }
    }

    /// The room's accepted messages after a stanza id, in the order accepted.
    ///
    /// - Parameters:
    ///   - room: The room.
    ///   - after: The stanza id of the last message the caller has; nil to start from the first.
    ///   - limit: The most messages wanted, clamped to 1 through `maximumHistoryPage`.
    /// - Returns: A page; when it is not complete, ask again after its last message.
    /// - Throws: `SequencerError` `.unknownStanzaID` when `after` is not a message of this room, or `.storage`.
    public func history(room: JID, after: String?, limit: Int) throws(SequencerError) -> HistoryPage {
        let roomKey = room.bare.description
        let pageSize = min(max(limit, 1), configuration.maximumHistoryPage)
        return try read { db in
            var start: Int64 = 0
            if let after {
                guard
                    let sequence = try Int64.fetchOne(
                        db, sql: "SELECT sequence FROM accepted_messages WHERE room = ? AND stanza_id = ?",
                        arguments: [roomKey, after])
                else { throw SequencerError(.unknownStanzaID, "no message \(after) in this room") }
                start = sequence
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT sequence, stanza_id, sender, epoch, content_type, payload, welcome, accepted_at
                    FROM accepted_messages WHERE room = ? AND sequence > ? ORDER BY sequence LIMIT ?
                    """,
                arguments: [roomKey, start, pageSize + 1])
            var messages: [StoredMessage] = []
            for row in rows.prefix(pageSize) {
                messages.append(try Self.storedMessage(row))
            }
            return HistoryPage(messages: messages, complete: rows.count <= pageSize)
        }
    }

    private static func storedMessage(_ row: Row) throws -> StoredMessage {
        guard let contentType = ContentType(rawValue: UInt8(clamping: row["content_type"] as Int)) else {
            throw SequencerError(.storage, "a stored message has an unknown content type")
        }
        let payload: Data = row["payload"]
        let welcome: Data? = row["welcome"]
        return StoredMessage(
            sequence: row["sequence"], stanzaID: row["stanza_id"], sender: row["sender"],
            epoch: UInt64(bitPattern: row["epoch"] as Int64), contentType: contentType,
            payload: Array(payload), welcome: welcome.map { Array($0) },
            acceptedAt: Date(timeIntervalSince1970: TimeInterval(row["accepted_at"] as Int64)))
    }
}
