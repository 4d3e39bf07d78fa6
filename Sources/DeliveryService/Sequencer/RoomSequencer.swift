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

    /// Decodes a room message once, with this sequencer's size limit: the value every later stage reads.
    ///
    /// - Parameters:
    ///   - payload: The MLSMessage bytes (a PublicMessage or PrivateMessage).
    ///   - welcome: For a commit that adds members: the Welcome, as MLSMessage bytes.
    ///   - groupInfo: For a commit: the GroupInfo of the new epoch, as MLSMessage bytes.
    /// - Throws: `SequencerError` naming what is malformed; see ``RoomSubmission/init(payload:welcome:groupInfo:maximumBytes:)``.
    public func decode(payload: [UInt8], welcome: [UInt8]? = nil, groupInfo: [UInt8]? = nil) throws(SequencerError)
        -> RoomSubmission
    {
        try RoomSubmission(
            payload: payload, welcome: welcome, groupInfo: groupInfo, maximumBytes: configuration.maximumPayloadBytes)
    }

    /// Decodes and accepts or refuses one message for a room: ``decode(payload:welcome:groupInfo:)`` then
    /// ``submit(room:sender:submission:welcomeOverride:now:publicState:)``.
    ///
    /// - Throws: `SequencerError` naming the reason; no state changed then.
    public func submit(
        room: JID, sender: JID, payload: [UInt8], welcome: [UInt8]? = nil, groupInfo: [UInt8]? = nil,
        welcomeOverride: JID? = nil, now: Date, publicState: [UInt8]? = nil
    ) throws(SequencerError) -> AcceptedMessage {
        try submit(
            room: room, sender: sender, submission: decode(payload: payload, welcome: welcome, groupInfo: groupInfo),
            welcomeOverride: welcomeOverride, now: now, publicState: publicState)
    }

    /// Accepts or refuses one decoded message for a room, in one transaction.
    ///
    /// - Parameters:
    ///   - room: The room; only its bare JID counts.
    ///   - sender: Who sent the message, recorded as given.
    ///   - submission: The decoded message, with its Welcome and GroupInfo.
    ///   - welcomeOverride: Where to deliver the Welcome instead of the owners of its KeyPackages.
    ///   - now: The acceptance time recorded.
    ///   - publicState: The room's followed public group state after this message, saved in the same
    ///     transaction; nil leaves the saved state as it is.
    /// - Returns: The stanza id, order and Welcome recipients to act on.
    /// - Throws: `SequencerError` naming the reason; no state changed then.
    public func submit(
        room: JID, sender: JID, submission: RoomSubmission, welcomeOverride: JID? = nil, now: Date,
        publicState: [UInt8]? = nil
    ) throws(SequencerError) -> AcceptedMessage {
        let roomKey = room.bare.description
        let header = submission.header
        let stanzaID = makeStanzaID()
        let rule = EpochRule(pastEpochs: configuration.pastEpochs)
        return try write { db in
            let bound = try Self.boundState(db, roomKey: roomKey)
            let newEpoch = try rule.check(header, boundGroup: bound.groupID, currentEpoch: bound.epoch)
            let recipients = try Self.welcomeRecipients(db, submission.welcome?.body, override: welcomeOverride)
            if let newEpoch {
                try db.execute(
                    sql: "UPDATE rooms SET group_id = ?, epoch = ?, group_info = ? WHERE jid = ?",
                    arguments: [
                        Data(header.groupID), Int64(bitPattern: newEpoch), submission.groupInfo.map { Data($0.bytes) },
                        roomKey,
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
                    Int(header.contentType.rawValue), Data(submission.payload), submission.welcome.map { Data($0.bytes) },
                    StoreTime.seconds(now),
                ])
            return AcceptedMessage(
                stanzaID: stanzaID, sequence: db.lastInsertedRowID, epoch: header.epoch,
                contentType: header.contentType, newEpoch: newEpoch, welcomeRecipients: recipients)
        }
    }

    /// Runs the checks of ``submit(room:sender:submission:welcomeOverride:now:publicState:)`` that need no
    /// transaction (the group binding and the epoch), so that a caller that checks more before submitting
    /// reports these reasons first. Changes nothing.
    ///
    /// - Throws: `SequencerError` as `submit` would.
    public func precheck(room: JID, submission: RoomSubmission) throws(SequencerError) {
        let roomKey = room.bare.description
        let bound = try read { db in try Self.boundState(db, roomKey: roomKey, create: false) }
        _ = try EpochRule(pastEpochs: configuration.pastEpochs).check(
            submission.header, boundGroup: bound.groupID, currentEpoch: bound.epoch)
    }

    /// The group a room is bound to and its epoch; with `create`, the room is created first when it is new.
    private static func boundState(_ db: Database, roomKey: String, create: Bool = true) throws
        -> (groupID: [UInt8]?, epoch: UInt64)
    {
        if create {
            try db.execute(sql: "INSERT OR IGNORE INTO rooms (jid, epoch) VALUES (?, 0)", arguments: [roomKey])
        }
        let row = try Row.fetchOne(db, sql: "SELECT group_id, epoch FROM rooms WHERE jid = ?", arguments: [roomKey])
        return ((row?["group_id"] as Data?).map(Array.init), row.map { UInt64(bitPattern: $0["epoch"] as Int64) } ?? 0)
    }

    /// Where a Welcome goes: the override, or the owners of the KeyPackages it names, which this service served.
    private static func welcomeRecipients(_ db: Database, _ welcome: Welcome?, override: JID?) throws -> [JID] {
        guard let welcome else { return [] }
        if let override { return [override.bare] }
        var recipients: [JID] = []
        for ref in welcome.secrets.map(\.newMember) {
            guard
                let owner = try String.fetchOne(
                    db, sql: "SELECT owner FROM served_key_packages WHERE ref = ?", arguments: [Data(ref)])
            else {
                throw SequencerError(
                    .unroutableWelcome,
                    "the Welcome names KeyPackage \(KeyPackageRef(bytes: ref)), not served by this service")
            }
            guard let jid = try? JID(owner) else {
                throw SequencerError(.storage, "a stored owner \(owner) is not a JID")
            }
            if !recipients.contains(jid) { recipients.append(jid) }
        }
        return recipients
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
