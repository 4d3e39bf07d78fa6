import Foundation
import GRDB
import MLS
import XMPP

/// Orders each room's MLS messages so that every member sees one commit per epoch (RFC 9750 §5.2.1).
///
/// The sequencer reads only the clear header (group id, epoch, content type), so PublicMessage and
/// PrivateMessage are handled alike. Rules:
/// - the first commit binds the room to its group id; later messages must carry that id;
/// - a commit for the current epoch is accepted and advances the room one epoch; any other commit is stale;
/// - proposals and application messages are accepted for the current epoch and `pastEpochs` before it;
/// - a Welcome travels with its commit and is delivered only if the commit is accepted (RFC 9750 §5.2.3), to
///   the owners of the KeyPackages it names, which this service served, unless a recipient is given;
/// - a GroupInfo travels with its commit and becomes the room's latest, for external joins.
///
/// Each acceptance is one transaction, committed before the caller sends anything.
public struct RoomSequencer: Sendable {
    let store: DeliveryStore
    let configuration: SequencerConfiguration
    private let makeStanzaID: @Sendable () -> String

    /// - Parameters:
    ///   - store: The database.
    ///   - configuration: The limits.
    ///   - makeStanzaID: Makes a unique XEP-0359 stanza id; a random UUID by default.
    public init(
        store: DeliveryStore, configuration: SequencerConfiguration = SequencerConfiguration(),
        makeStanzaID: @escaping @Sendable () -> String = { UUID().uuidString }
    ) {
        self.store = store
        self.configuration = configuration
        self.makeStanzaID = makeStanzaID
    }

    /// Accepts or refuses one message for a room.
    ///
    /// - Parameters:
    ///   - room: The room; only its bare JID counts.
    ///   - sender: Who sent the message, recorded as given.
    ///   - payload: The MLSMessage bytes (a PublicMessage or PrivateMessage).
    ///   - welcome: For a commit that adds members: the Welcome, as MLSMessage bytes.
    ///   - groupInfo: For a commit: the GroupInfo of the new epoch, as MLSMessage bytes.
    ///   - welcomeOverride: Where to deliver the Welcome instead of the owners of its KeyPackages.
    ///   - now: The acceptance time recorded.
    ///   - publicState: The room's followed public group state after this message, saved in the same
    ///     transaction; nil leaves the saved state as it is.
    /// - Returns: The stanza id, order and Welcome recipients to act on.
    /// - Throws: `SequencerError` naming the reason; no state changed then.
    public func submit(
        room: JID, sender: JID, payload: [UInt8], welcome: [UInt8]? = nil, groupInfo: [UInt8]? = nil,
        welcomeOverride: JID? = nil, now: Date, publicState: [UInt8]? = nil
    ) throws(SequencerError) -> AcceptedMessage {
        try checkSize(payload, what: "the payload")
        let header = try MessageHeader(parsing: payload)
        let isCommit = header.contentType == .commit
        if !isCommit, welcome != nil || groupInfo != nil {
            throw SequencerError(
                .attachmentWithoutCommit, "a Welcome or GroupInfo may only accompany a commit")
        }
        let welcomeRefs = try welcome.map { bytes throws(SequencerError) in try self.welcomeRefs(bytes) }
        if let groupInfo {
            try checkSize(groupInfo, what: "the GroupInfo")
            try Self.checkGroupInfo(groupInfo, header: header)
        }
        let roomKey = room.bare.description
        let stanzaID = makeStanzaID()
        let acceptedAt = StoreTime.seconds(now)
        let rule = EpochRule(pastEpochs: configuration.pastEpochs)
        return try write { db in
            var row = try Row.fetchOne(
                db, sql: "SELECT group_id, epoch FROM rooms WHERE jid = ?", arguments: [roomKey])
            if row == nil {
                try db.execute(sql: "INSERT INTO rooms (jid, epoch) VALUES (?, 0)", arguments: [roomKey])
                row = try Row.fetchOne(
                    db, sql: "SELECT group_id, epoch FROM rooms WHERE jid = ?", arguments: [roomKey])
            }
            guard let row else { throw SequencerError(.storage, "the room \(roomKey) vanished") }
            let newEpoch = try rule.check(
                header, boundGroup: (row["group_id"] as Data?).map(Array.init),
                currentEpoch: UInt64(bitPattern: row["epoch"] as Int64))

            var recipients: [JID] = []
            if welcomeRefs != nil, let welcomeOverride {
                recipients = [welcomeOverride.bare]
            } else if let welcomeRefs {
                for ref in welcomeRefs {
                    guard
                        let owner = try String.fetchOne(
                            db, sql: "SELECT owner FROM served_key_packages WHERE ref = ?", arguments: [Data(ref)]
                        )
                    else {
                        throw SequencerError(
                            .unroutableWelcome,
                            "the Welcome names KeyPackage \(KeyPackageRef(bytes: ref)), not served by this service"
                        )
                    }
                    guard let jid = try? JID(owner) else {
                        throw SequencerError(.storage, "a stored owner \(owner) is not a JID")
                    }
                    if !recipients.contains(jid) { recipients.append(jid) }
                }
            }

            if let newEpoch {
                try db.execute(
                    sql: "UPDATE rooms SET group_id = ?, epoch = ?, group_info = ? WHERE jid = ?",
                    arguments: [
                        Data(header.groupID), Int64(bitPattern: newEpoch), groupInfo.map { Data($0) }, roomKey,
                    ])
            }
            if let publicState {
                try db.execute(
                    sql: "UPDATE rooms SET public_state = ? WHERE jid = ?", arguments: [Data(publicState), roomKey])
            }
            try db.execute(
                sql: """
                    INSERT INTO accepted_messages
                    (room, stanza_id, sender, epoch, content_type, payload, welcome, accepted_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    roomKey, stanzaID, sender.description, Int64(bitPattern: header.epoch),
                    Int(header.contentType.rawValue), Data(payload), welcome.map { Data($0) }, acceptedAt,
                ])
            return AcceptedMessage(
                stanzaID: stanzaID, sequence: db.lastInsertedRowID, epoch: header.epoch,
                contentType: header.contentType, newEpoch: newEpoch, welcomeRecipients: recipients)
        }
    }

    /// Creates a room that has no group yet, so that it persists before its first commit.
    ///
    /// - Parameter room: The room; only its bare JID counts.
    /// - Returns: Whether the room was created now; false when it already existed.
    /// - Throws: `SequencerError.storage`.
    @discardableResult
    public func openRoom(_ room: JID) throws(SequencerError) -> Bool {
        let roomKey = room.bare.description
        return try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO rooms (jid, epoch) VALUES (?, 0)", arguments: [roomKey])
            return db.changesCount > 0
        }
    }

    /// Whether the room exists: opened by a join or bound by a commit.
    ///
    /// - Parameter room: The room.
    /// - Throws: `SequencerError.storage`.
    public func roomExists(_ room: JID) throws(SequencerError) -> Bool {
        let roomKey = room.bare.description
        return try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM rooms WHERE jid = ?", arguments: [roomKey]) ?? false
        }
    }

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

    /// The room's current epoch: the epoch a commit must carry to be accepted.
    ///
    /// - Parameter room: The room.
    /// - Returns: The epoch, or nil when no commit has bound the room to a group yet.
    /// - Throws: `SequencerError.storage`.
    public func currentEpoch(room: JID) throws(SequencerError) -> UInt64? {
        let roomKey = room.bare.description
        return try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT epoch FROM rooms WHERE jid = ? AND group_id IS NOT NULL",
                    arguments: [roomKey])
            else { return nil }
            return UInt64(bitPattern: row["epoch"] as Int64)
        }
    }

    /// The GroupInfo that came with the room's latest commit, for external joins.
    ///
    /// - Parameter room: The room.
    /// - Returns: The GroupInfo as MLSMessage bytes, or nil when the latest commit carried none.
    /// - Throws: `SequencerError.storage`.
    public func groupInfo(room: JID) throws(SequencerError) -> [UInt8]? {
        let roomKey = room.bare.description
        return try read { db in
            let data = try Data.fetchOne(
                db, sql: "SELECT group_info FROM rooms WHERE jid = ?", arguments: [roomKey])
            return data.map { Array($0) }
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

    // MARK: - Checks

    func checkSize(_ bytes: [UInt8], what: String) throws(SequencerError) {
        guard bytes.count <= configuration.maximumPayloadBytes else {
            throw SequencerError(
                .tooLarge, "\(what) is \(bytes.count) bytes, at most \(configuration.maximumPayloadBytes)")
        }
    }

    private func welcomeRefs(_ bytes: [UInt8]) throws(SequencerError) -> [[UInt8]] {
        try checkSize(bytes, what: "the Welcome")
        let message: MLSMessage
        do {
            message = try MLSMessage(tlsEncoded: bytes)
        } catch {
            throw SequencerError(
                .malformedWelcome, "the Welcome is not a valid MLSMessage: \(error)", cause: error)
        }
        guard case .welcome(let welcome) = message.body else {
            throw SequencerError(
                .malformedWelcome, "the Welcome is a \(message.wireFormat), not a Welcome")
        }
        return welcome.secrets.map(\.newMember)
    }

    private static func checkGroupInfo(_ bytes: [UInt8], header: MessageHeader) throws(SequencerError) {
        let message: MLSMessage
        do {
            message = try MLSMessage(tlsEncoded: bytes)
        } catch {
            throw SequencerError(
                .malformedGroupInfo, "the GroupInfo is not a valid MLSMessage: \(error)", cause: error)
        }
        guard case .groupInfo(let info) = message.body else {
            throw SequencerError(
                .malformedGroupInfo, "the GroupInfo is a \(message.wireFormat), not a GroupInfo")
        }
        guard info.groupContext.groupID == header.groupID, header.epoch < UInt64.max,
            info.groupContext.epoch == header.epoch + 1
        else {
            throw SequencerError(
                .groupInfoMismatch,
                "the GroupInfo is for epoch \(info.groupContext.epoch) of its group, not the epoch the commit creates"
            )
        }
    }

    // MARK: - Storage

    func write<T>(_ body: (Database) throws -> T) throws(SequencerError) -> T {
        do {
            return try store.writer.write(body)
        } catch let error as SequencerError {
            throw error
        } catch {
            throw SequencerError(.storage, "the database failed", cause: error)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(SequencerError) -> T {
        do {
            return try store.writer.read(body)
        } catch let error as SequencerError {
            throw error
        } catch {
            throw SequencerError(.storage, "the database failed", cause: error)
        }
    }
}
