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

    /// Decodes the Welcome and GroupInfo of a message decoded by ``decode(payload:welcome:groupInfo:)`` without
    /// them, with this sequencer's size limit.
    ///
    /// - Throws: `SequencerError`; see ``RoomSubmission/attach(welcome:groupInfo:maximumBytes:)``.
    public func attach(welcome: [UInt8]?, groupInfo: [UInt8]?, to submission: inout RoomSubmission)
        throws(SequencerError)
    {
        try submission.attach(welcome: welcome, groupInfo: groupInfo, maximumBytes: configuration.maximumPayloadBytes)
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
            try RoomRow(jid: roomKey).insert(db, onConflict: .ignore)
            guard let bound = try RoomBinding.fetchOne(db, key: roomKey) else {
                throw SequencerError(.storage, "the room \(roomKey) vanished")
            }
            let newEpoch = try bound.check(header, rule: rule)
            let recipients = try Self.welcomeRecipients(db, submission.welcome?.body, override: welcomeOverride)
            let room = RoomRow.filter(key: roomKey)
            if let newEpoch {
                try room.updateAll(db, [
                    RoomRow.Columns.groupID.set(to: Data(header.groupID)),
                    RoomRow.Columns.epoch.set(to: Int64(bitPattern: newEpoch)),
                    RoomRow.Columns.groupInfo.set(to: submission.groupInfo.map { Data($0.bytes) }),
                ])
            }
            if let publicState {
                try room.updateAll(db, RoomRow.Columns.publicState.set(to: Data(publicState)))
            }
            var message = AcceptedMessageRow(
                room: roomKey, stanzaID: stanzaID, sender: sender.description, epoch: Int64(bitPattern: header.epoch),
                contentType: Int(header.contentType.rawValue), payload: Data(submission.payload),
                welcome: submission.welcome.map { Data($0.bytes) }, acceptedAt: StoreTime.seconds(now))
            try message.insert(db)
            return AcceptedMessage(
                stanzaID: stanzaID, sequence: message.sequence ?? db.lastInsertedRowID, epoch: header.epoch,
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
        let bound = try read { db in try RoomBinding.fetchOne(db, key: roomKey) } ?? RoomBinding(epoch: 0)
        _ = try bound.check(submission.header, rule: EpochRule(pastEpochs: configuration.pastEpochs))
    }

    /// Where a Welcome goes: the override, or the owners of the KeyPackages it names, which this service served.
    private static func welcomeRecipients(_ db: Database, _ welcome: Welcome?, override: JID?) throws -> [JID] {
        guard let welcome else { return [] }
        if let override { return [override.bare] }
        var recipients: [JID] = []
        for ref in welcome.secrets.map(\.newMember) {
            guard let owner = try ServedKeyPackageRow.fetchOne(db, key: Data(ref))?.owner else {
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
            try RoomRow(jid: roomKey).insert(db, onConflict: .ignore)
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
            try RoomRow.exists(db, key: roomKey)
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
            guard let bound = try RoomBinding.fetchOne(db, key: roomKey), bound.groupID != nil else { return nil }
            return UInt64(bitPattern: bound.epoch)
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
            let data = try Data.fetchOne(db, RoomRow.select(RoomRow.Columns.groupInfo).filter(key: roomKey))
            return data.map { Array($0) }
        }
    }

    // MARK: - Storage

    func write<T>(_ body: (Database) throws -> T) throws(SequencerError) -> T {
        try store.write(wrap: { SequencerError(.storage, "the database failed", cause: $0) }, body)
    }

    func read<T>(_ body: (Database) throws -> T) throws(SequencerError) -> T {
        try store.read(wrap: { SequencerError(.storage, "the database failed", cause: $0) }, body)
    }
}
