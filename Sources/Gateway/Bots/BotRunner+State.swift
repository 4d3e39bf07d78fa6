import DeliveryService
import Foundation
import MLS
import XMPP

extension BotRunner {
    /// The kinds of sealed records.
    enum StateKind {
        /// The bot's `SignatureKeyPair`, by its own codec; named "".
        static let identity = "identity"
        /// A `KeyPackageBundle`'s serialized state, named by its KeyPackageRef in hex.
        static let keyPackage = "key-package"
        /// A ``BotRoomRecord``, named by the room's JID.
        static let room = "room"
    }

    /// A record opened with the state key.
    struct OpenedRecord {
        var kind: String
        var name: String
        var bytes: [UInt8]
    }

    /// Loads the identity, the unused KeyPackages and the rooms; makes and saves an identity on first start.
    func load() throws(BotError) {
        let opened = try openRecords()
        let client = try loadClient(identity: opened.first { $0.kind == StateKind.identity })
        self.client = client
        for record in opened where record.kind == StateKind.keyPackage {
            guard let bundle = try? KeyPackageBundle(serializedState: record.bytes, provider: client.provider) else {
                throw .malformedRecord(kind: record.kind, name: record.name)
            }
            bundles[bundle.ref.bytes] = bundle
        }
        for record in opened where record.kind == StateKind.room {
            guard let room = try? JID(record.name) else { throw .malformedRecord(kind: record.kind, name: record.name) }
            let saved = try decode(BotRoomRecord.self, record)
            let group: Group
            do {
                group = try Group.load(
                    serializedState: saved.groupState, crypto: client.crypto, services: client.services)
            } catch {
                throw .mls(error)
            }
            rooms[room] = saved.room(group: group)
        }
    }

    /// Reads and opens every sealed record of the bot.
    private func openRecords() throws(BotError) -> [OpenedRecord] {
        let records: [BotStateRecord]
        do {
            records = try stateStore.records(bot: jid)
        } catch {
            throw .storage(error)
        }
        var opened: [OpenedRecord] = []
        for record in records {
            let bytes = try stateKey.open(
                record.sealed, context: context(record.kind, record.name), kind: record.kind, name: record.name)
            opened.append(OpenedRecord(kind: record.kind, name: record.name, bytes: bytes))
        }
        return opened
    }

    /// The client of the saved identity, or of a new one, saved at once.
    private func loadClient(identity: OpenedRecord?) throws(BotError) -> Client {
        if let identity {
            return try makeClient(keys: decode(SignatureKeyPair.self, identity))
        }
        let client = try makeClient(keys: nil)
        try save([seal(StateKind.identity, "", client.signatureKeyPair.tlsEncoded)])
        return client
    }

    /// Seals and saves a room's state, deleting a used KeyPackage in the same transaction. Failures are logged:
    /// the state in memory stays right, and the next save writes it.
    func saveRoom(_ room: JID, deletingKeyPackage ref: [UInt8]? = nil) {
        guard let state = rooms[room] else { return }
        do {
            try save(
                [seal(StateKind.room, room.description, BotRoomRecord(state).tlsEncoded)],
                deleting: ref.map { [(kind: StateKind.keyPackage, name: $0.hexString)] } ?? []
            )
        } catch {
            logger.error(
                "bot cannot save a room's state", metadata: ["bot": "\(jid)", "room": "\(room)", "error": "\(error)"])
        }
    }

    /// Seals and saves unused KeyPackages.
    func saveBundles(_ new: [KeyPackageBundle]) throws(BotError) {
        var records: [BotStateRecord] = []
        for bundle in new {
            records.append(try seal(StateKind.keyPackage, bundle.ref.bytes.hexString, bundle.serializedState()))
        }
        try save(records)
    }

    /// Deletes records, logging a failure.
    /// - Parameters:
    ///   - kind: Their kind.
    ///   - names: Their names.
    ///   - what: What they are, for the log.
    func delete(_ kind: String, _ names: [String], what: String) {
        do {
            try stateStore.save([], deleting: names.map { (kind: kind, name: $0) }, bot: jid)
        } catch {
            logger.error("bot cannot delete \(what)", metadata: ["bot": "\(jid)", "error": "\(error)"])
        }
    }

    private func makeClient(keys: SignatureKeyPair?) throws(BotError) -> Client {
        do {
            return try Client(
                suite: suite, credential: .basic(identity: Array(jid.description.utf8)), signatureKeyPair: keys,
                services: GroupServices(now: now))
        } catch {
            throw .mls(error)
        }
    }

    private func save(_ records: [BotStateRecord], deleting: [(kind: String, name: String)] = []) throws(BotError) {
        do {
            try stateStore.save(records, deleting: deleting, bot: jid)
        } catch {
            throw .storage(error)
        }
    }

    private func seal(_ kind: String, _ name: String, _ bytes: [UInt8]) throws(BotError) -> BotStateRecord {
        BotStateRecord(kind: kind, name: name, sealed: try stateKey.seal(bytes, context: context(kind, name)))
    }

    /// The associated data binding a sealed record to its row.
    private func context(_ kind: String, _ name: String) -> String {
        "mlsgate bot state|\(jid)|\(kind)|\(name)"
    }

    /// Decodes an opened record that must hold exactly one value.
    private func decode<T: TLSDecodable>(_ type: T.Type, _ record: OpenedRecord) throws(BotError) -> T {
        do {
            return try T(tlsEncoded: record.bytes)
        } catch {
            throw .malformedRecord(kind: record.kind, name: record.name)
        }
    }
}
