import Foundation
import GRDB

/// One row of `rooms`: a room's group binding, epoch, latest GroupInfo, settings and followed group state.
struct RoomRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "rooms"

    /// The room's bare JID, the primary key.
    var jid: String
    /// The group the room's first commit bound it to; nil before.
    var groupID: Data?
    /// The current epoch, the one a commit must carry; that of the first commit while the room is unbound.
    var epoch: Int64 = 0
    /// The GroupInfo that came with the latest commit, for external joins.
    var groupInfo: Data?
    /// The ``RoomSettings`` as JSON; nil for a room saved before rooms had settings.
    var settings: String?
    /// The followed public group state (`PublicGroup`), saved with each followed handshake.
    var publicState: Data?
    /// The bare JID of who created the room by joining it, counted against their room limit.
    var creator: String?

    /// The columns, named after the properties, for coding and for queries.
    enum CodingKeys: String, CodingKey, ColumnExpression {
        case jid, groupID = "group_id", epoch, groupInfo = "group_info", settings, publicState = "public_state"
        case creator
    }

    typealias Columns = CodingKeys

    /// The room's epoch as the protocol counts it.
    var currentEpoch: UInt64 { UInt64(bitPattern: epoch) }
}
