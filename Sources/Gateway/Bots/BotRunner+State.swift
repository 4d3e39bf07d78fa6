import DeliveryService
import Foundation
import MLS
import XMPP

extension BotRunner {
    /// The kinds of sealed records.
    enum StateKind {
        static let identity = "identity"
        static let keyPackage = "key-package"
        static let room = "room"
    }

    /// Loads the identity, the unused KeyPackages and the rooms; makes and saves an identity on first start.
    func load() throws(BotError) {
        let records: [BotStateRecord]
        do {
            records = try stateStore.records(bot: jid)
        } catch {
            throw .storage(error)
        }
        var opened: [(kind: String, name: String, bytes: [UInt8])] = []
        for record in records {
            let bytes = try stateKey.open(
                record.sealed, context: context(record.kind, record.name), kind: record.kind, name: record.name)
            opened.append((record.kind, record.name, bytes))
        }
        let credential = Credential.basic(identity: Array(jid.description.utf8))
        let client: Client
        if let identity = opened.first(where: { $0.kind == StateKind.identity }) {
            let keys = try decode(identity) { reader throws(CodecError) in
                SignatureKeyPair(privateKey: try reader.readOpaque(), publicKey: try reader.readOpaque())
            }
            client = try makeClient(credential: credential, keys: keys)
        } else {
            client = try makeClient(credential: credential, keys: nil)
            var writer = TLSWriter()
            writer.writeOpaque(client.signatureKeyPair.privateKey)
            writer.writeOpaque(client.signatureKeyPair.publicKey)
            try save([seal(StateKind.identity, "", writer.bytes)])
        }
        self.client = client
        for record in opened where record.kind == StateKind.keyPackage {
            let bundle = try decode(record) { reader throws(CodecError) in
                (try reader.read(KeyPackage.self), try reader.readOpaque(), try reader.readOpaque())
            }
            guard
                let restored = try? KeyPackageBundle(
                    keyPackage: bundle.0, initPrivateKey: bundle.1, encryptionPrivateKey: bundle.2,
                    provider: client.provider)
            else { throw .malformedRecord(kind: record.kind, name: record.name) }
            bundles[restored.ref.bytes] = restored
        }
        for record in opened where record.kind == StateKind.room {
            guard let room = try? JID(record.name) else { throw .malformedRecord(kind: record.kind, name: record.name) }
            let fields = try decode(record) { reader throws(CodecError) in
                (
                    try reader.readOpaque(), try reader.readOpaque(), try reader.readUInt8(),
                    try reader.readUInt64(), try reader.readUInt64()
                )
            }
            let group: Group
            do {
                group = try Group.load(serializedState: fields.0, crypto: client.crypto, services: client.services)
            } catch {
                throw .mls(error)
            }
            rooms[room] = BotRoom(
                group: group,
                lastStanzaID: fields.2 == 1 ? String(decoding: fields.1, as: UTF8.self) : nil,
                sinceUpdate: Int(clamping: fields.3),
                lastUpdate: Date(timeIntervalSince1970: TimeInterval(fields.4))
            )
        }
    }

    /// Seals and saves a room's state, deleting a used KeyPackage in the same transaction. Failures are logged:
    /// the state in memory stays right, and the next save writes it.
    func saveRoom(_ room: JID, deletingKeyPackage ref: [UInt8]? = nil) {
        guard let state = rooms[room] else { return }
        var writer = TLSWriter()
        writer.writeOpaque(state.group.serializedState())
        writer.writeOpaque(Array((state.lastStanzaID ?? "").utf8))
        writer.write(UInt8(state.lastStanzaID == nil ? 0 : 1))
        writer.write(UInt64(max(0, state.sinceUpdate)))
        writer.write(UInt64(max(0, state.lastUpdate.timeIntervalSince1970)))
        do {
            try save(
                [seal(StateKind.room, room.description, writer.bytes)],
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
            var writer = TLSWriter()
            writer.write(bundle.keyPackage)
            writer.writeOpaque(bundle.initPrivateKey)
            writer.writeOpaque(bundle.encryptionPrivateKey)
            records.append(try seal(StateKind.keyPackage, bundle.ref.bytes.hexString, writer.bytes))
        }
        try save(records)
    }

    private func makeClient(credential: Credential, keys: SignatureKeyPair?) throws(BotError) -> Client {
        do {
            return try Client(
                suite: suite, credential: credential, signatureKeyPair: keys, services: GroupServices(now: now))
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

    private func decode<T>(
        _ record: (kind: String, name: String, bytes: [UInt8]),
        _ body: (inout TLSReader) throws(CodecError) -> T
    ) throws(BotError) -> T {
        var reader = TLSReader(record.bytes)
        do {
            let value = try body(&reader)
            try reader.finish()
            return value
        } catch {
            throw .malformedRecord(kind: record.kind, name: record.name)
        }
    }
}
