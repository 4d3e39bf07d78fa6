import GRDB
import XMPP

extension RoomSequencer {
    /// Deletes everything stored about a room, in one transaction: its row in `rooms` (group binding, epoch,
    /// GroupInfo, policy and affiliations, followed group state) and every accepted message. A later join creates
    /// the room afresh, bound to no group, with the default policy.
    ///
    /// **Warning**: irreversible. Members lose the history they have not fetched, and new members cannot be given
    /// the room's past messages; the MLS group itself lives on in the members' clients.
    ///
    /// - Parameter room: The room; only its bare JID counts.
    /// - Returns: How many accepted messages were deleted, or nil when there is no such room (nothing changes).
    /// - Throws: `SequencerError.storage`; nothing is deleted then.
    @discardableResult
    public func destroyRoom(_ room: JID) throws(SequencerError) -> Int? {
        let roomKey = room.bare.description
        return try write { db -> Int? in
            guard try RoomRow.exists(db, key: roomKey) else { return nil }
            let messages = try AcceptedMessageRow.filter(AcceptedMessageRow.Columns.room == roomKey).deleteAll(db)
            try RoomRow.deleteOne(db, key: roomKey)
            return messages
        }
    }
}
