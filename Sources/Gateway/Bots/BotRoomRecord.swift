import Foundation
import MLS

/// A ``BotRoom`` as its sealed `room` record holds it, in the TLS presentation language (RFC 9420 §2.1).
///
/// ```text
/// struct {
///     uint8 marker = 0xFF;             // never the first octet of a version 0 record
///     uint8 version = 1;
///     opaque group_state<V>;           // Group.serializedState()
///     optional<opaque> last_stanza_id<V>;
///     uint64 since_update;
///     uint64 last_update;              // seconds since 1970
/// } BotRoomRecord;
///
/// struct {                             // version 0, written before the marker
///     opaque group_state<V>;
///     opaque last_stanza_id<V>;        // empty when absent
///     uint8 has_last_stanza_id;        // 0 or 1
///     uint64 since_update;
///     uint64 last_update;
/// } BotRoomRecordV0;
/// ```
///
/// A version 0 record opens with the variable-length size of its group state, whose first octet never has the
/// reserved prefix `0b11` (§2.1.2): a record starting with `0xFF` is therefore a versioned one. Records of both
/// versions are read; only the current version is written.
struct BotRoomRecord: Hashable, Sendable {
    /// The first octet of a versioned record.
    static let marker: UInt8 = 0xFF
    /// The version this implementation writes.
    static let version: UInt8 = 1

    /// The group's state, as `Group.serializedState()` wrote it.
    var groupState: [UInt8]
    /// The `<stanza-id/>` of the last room message processed.
    var lastStanzaID: String?
    /// Messages processed since the bot's last own commit.
    var sinceUpdate: UInt64
    /// When the bot last committed, or joined, in whole seconds since 1970.
    var lastUpdate: UInt64
}

extension BotRoomRecord {
    /// The record of a room's state.
    init(_ room: BotRoom) {
        self.init(
            groupState: room.group.serializedState(),
            lastStanzaID: room.lastStanzaID,
            sinceUpdate: UInt64(max(0, room.sinceUpdate)),
            lastUpdate: UInt64(max(0, room.lastUpdate.timeIntervalSince1970))
        )
    }

    /// The room's state, with the group loaded from ``groupState``.
    func room(group: Group) -> BotRoom {
        BotRoom(
            group: group,
            lastStanzaID: lastStanzaID,
            sinceUpdate: Int(clamping: sinceUpdate),
            lastUpdate: Date(timeIntervalSince1970: TimeInterval(lastUpdate))
        )
    }
}

extension BotRoomRecord: TLSCodable {
    func encode(to writer: inout TLSWriter) {
        writer.write(Self.marker)
        writer.write(Self.version)
        writer.writeOpaque(groupState)
        writer.writeOptional(lastStanzaID) { writer, text in writer.writeOpaque(Array(text.utf8)) }
        writer.write(sinceUpdate)
        writer.write(lastUpdate)
    }

    init(from reader: inout TLSReader) throws(CodecError) {
        var peek = reader
        guard try peek.readUInt8() == Self.marker else {
            try self.init(version0: &reader)
            return
        }
        reader = peek
        let version = try reader.readUInt8()
        guard version == Self.version else {
            throw .invalidValue(field: "BotRoomRecord.version", value: UInt64(version))
        }
        self.init(
            groupState: try reader.readOpaque(),
            lastStanzaID: try reader.readOptional { (reader: inout TLSReader) throws(CodecError) in
                String(decoding: try reader.readOpaque(), as: UTF8.self)
            },
            sinceUpdate: try reader.readUInt64(),
            lastUpdate: try reader.readUInt64()
        )
    }

    /// Reads the unversioned layout of the first releases.
    private init(version0 reader: inout TLSReader) throws(CodecError) {
        let groupState = try reader.readOpaque()
        let stanzaID = try reader.readOpaque()
        let hasStanzaID = try reader.readBool()
        self.init(
            groupState: groupState,
            lastStanzaID: hasStanzaID ? String(decoding: stanzaID, as: UTF8.self) : nil,
            sinceUpdate: try reader.readUInt64(),
            lastUpdate: try reader.readUInt64()
        )
    }
}
