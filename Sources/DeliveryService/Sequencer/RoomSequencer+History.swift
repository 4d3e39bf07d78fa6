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
        let rows = try read { db in
            try AcceptedMessageRow.filter(AcceptedMessageRow.Columns.room == roomKey)
                .order(AcceptedMessageRow.Columns.sequence.desc).limit(count).fetchAll(db)
        }
        return try rows.reversed().map { row throws(SequencerError) in try row.stored() }
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
        let rows = try read { db in
            let messages = AcceptedMessageRow.filter(AcceptedMessageRow.Columns.room == roomKey)
            var start: Int64 = 0
            if let after {
                guard
                    let sequence = try Int64.fetchOne(
                        db,
                        messages.filter(AcceptedMessageRow.Columns.stanzaID == after)
                            .select(AcceptedMessageRow.Columns.sequence))
                else { throw SequencerError(.unknownStanzaID, "no message \(after) in this room") }
                start = sequence
            }
            return try messages.filter(AcceptedMessageRow.Columns.sequence > start)
                .order(AcceptedMessageRow.Columns.sequence).limit(pageSize + 1).fetchAll(db)
        }
        let messages = try rows.prefix(pageSize).map { row throws(SequencerError) in try row.stored() }
        return HistoryPage(messages: messages, complete: rows.count <= pageSize)
    }
}
