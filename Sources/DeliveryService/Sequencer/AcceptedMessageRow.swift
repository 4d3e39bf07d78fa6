import Foundation
import GRDB
import MLS

/// One row of `accepted_messages`: a message the sequencer accepted, in the room-wide order of `sequence`.
struct AcceptedMessageRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "accepted_messages"

    /// The order of acceptance, assigned by the database on insert.
    var sequence: Int64?
    /// The room's bare JID.
    var room: String
    /// The XEP-0359 stanza id, unique.
    var stanzaID: String
    /// The sender's JID as it was given on submission.
    var sender: String
    var epoch: Int64
    /// The ContentType's number (RFC 9420 §6).
    var contentType: Int
    /// The MLSMessage bytes.
    var payload: Data
    /// The Welcome that came with a commit.
    var welcome: Data?
    /// When it was accepted, in ``StoreTime`` seconds.
    var acceptedAt: Int64

    /// The columns, named after the properties, for coding and for queries.
    enum CodingKeys: String, CodingKey, ColumnExpression {
        case sequence, room, stanzaID = "stanza_id", sender, epoch, contentType = "content_type", payload, welcome
        case acceptedAt = "accepted_at"
    }

    typealias Columns = CodingKeys

    mutating func didInsert(_ inserted: InsertionSuccess) {
        sequence = inserted.rowID
    }

    /// The message as the history returns it.
    /// - Throws: `SequencerError.storage` for a content type no message can have.
    func stored() throws(SequencerError) -> StoredMessage {
        guard let type = ContentType(rawValue: UInt8(clamping: contentType)), let sequence else {
            throw SequencerError(.storage, "a stored message has an unknown content type")
        }
        return StoredMessage(
            sequence: sequence, stanzaID: stanzaID, sender: sender, epoch: UInt64(bitPattern: epoch),
            contentType: type, payload: Array(payload), welcome: welcome.map { Array($0) },
            acceptedAt: StoreTime.date(acceptedAt))
    }
}
