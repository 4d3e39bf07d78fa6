import Foundation
import GRDB
import XMPP

extension RoomSequencer {
    /// Creates a room that has no group yet, with its settings, so that it persists before its first commit.
    ///
    /// - Parameters:
    ///   - room: The room; only its bare JID counts.
    ///   - settings: The new room's policy and affiliations; ignored when the room exists.
    ///   - creator: Who creates it, when it is created now; only the bare JID counts.
    ///   - maximumRoomsPerCreator: How many rooms one creator may have; `nil` for no limit. The count and the
    ///     creation are one transaction, so concurrent joins cannot pass the limit together.
    /// - Returns: Whether the room was created now.
    /// - Throws: `SequencerError` `.tooManyRooms` when the creator has reached the limit (nothing changed), or
    ///   `.storage`.
    @discardableResult
    public func openRoom(
        _ room: JID, settings: RoomSettings, creator: JID? = nil, maximumRoomsPerCreator: Int? = nil
    ) throws(SequencerError) -> Bool {
        let roomKey = room.bare.description
        let creatorKey = creator?.bare.description
        let encoded = try Self.encode(settings)
        return try write { db in
            guard try !RoomRow.exists(db, key: roomKey) else { return false }
            if let creatorKey, let maximumRoomsPerCreator {
                let created = try RoomRow.filter(RoomRow.Columns.creator == creatorKey).fetchCount(db)
                guard created < maximumRoomsPerCreator else {
                    throw SequencerError(
                        .tooManyRooms,
                        "\(creatorKey) already created \(created) rooms, the most one user may create here; "
                            + "destroy one or join an existing room")
                }
            }
            try RoomRow(jid: roomKey, settings: encoded, creator: creatorKey).insert(db)
            return true
        }
    }

    /// The room's policy and affiliations, or nil when the room does not exist or has none saved (a room
    /// created before policies existed).
    ///
    /// - Throws: `SequencerError.storage`, also when the saved settings cannot be read.
    public func settings(room: JID) throws(SequencerError) -> RoomSettings? {
        let roomKey = room.bare.description
        let text = try read { db in
            try String.fetchOne(db, RoomRow.select(RoomRow.Columns.settings).filter(key: roomKey))
        }
        guard let text else { return nil }
        do {
            return try JSONDecoder().decode(RoomSettings.self, from: Data(text.utf8))
        } catch {
            throw SequencerError(.storage, "the settings of \(roomKey) cannot be read", cause: error)
        }
    }

    /// Replaces the room's policy and affiliations.
    ///
    /// - Parameters:
    ///   - forgetPublicState: Also drops the followed group state, when the room stops following its group.
    /// - Throws: `SequencerError` `.storage`, or `.unknownRoom` when the room does not exist.
    public func setSettings(_ settings: RoomSettings, room: JID, forgetPublicState: Bool = false) throws(SequencerError) {
        let roomKey = room.bare.description
        let encoded = try Self.encode(settings)
        try write { db in
            var assignments = [RoomRow.Columns.settings.set(to: encoded)]
            if forgetPublicState { assignments.append(RoomRow.Columns.publicState.set(to: nil)) }
            let changed = try RoomRow.filter(key: roomKey).updateAll(db, assignments)
            guard changed > 0 else { throw SequencerError(.unknownRoom, "there is no room \(roomKey)") }
        }
    }

    /// The public group state saved with the room's last followed handshake, or nil when none is.
    ///
    /// - Throws: `SequencerError.storage`.
    public func publicState(room: JID) throws(SequencerError) -> [UInt8]? {
        let roomKey = room.bare.description
        return try read { db in
            try Data.fetchOne(db, RoomRow.select(RoomRow.Columns.publicState).filter(key: roomKey)).map { Array($0) }
        }
    }

    private static func encode(_ settings: RoomSettings) throws(SequencerError) -> String {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: try encoder.encode(settings), as: UTF8.self)
        } catch {
            throw SequencerError(.storage, "the room settings cannot be encoded", cause: error)
        }
    }
}

extension RoomSequencer {
    /// MLSGate's signature key pair for a cipher suite; see ``DeliveryStore/serviceSigningKey(cipherSuite:generate:)``.
    public func serviceSigningKey(
        cipherSuite: UInt16, generate: () throws -> (privateKey: [UInt8], publicKey: [UInt8])
    ) throws -> (privateKey: [UInt8], publicKey: [UInt8]) {
        try store.serviceSigningKey(cipherSuite: cipherSuite, generate: generate)
    }
}

extension RoomSequencer {
    /// Every room's bare JID, sorted: what the service lists in its disco#items (XEP-0045 §6.3).
    ///
    /// - Throws: `SequencerError.storage`.
    public func roomJIDs() throws(SequencerError) -> [String] {
        try read { db in try String.fetchAll(db, RoomRow.select(RoomRow.Columns.jid).order(RoomRow.Columns.jid)) }
    }
}
