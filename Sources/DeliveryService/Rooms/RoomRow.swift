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

    enum CodingKeys: String, CodingKey {
        case jid, epoch, settings, creator
        case groupID = "group_id"
        case groupInfo = "group_info"
        case publicState = "public_state"
    }

    /// The columns, for queries.
    enum Columns {
        static let jid = Column(CodingKeys.jid)
        static let groupID = Column(CodingKeys.groupID)
        static let epoch = Column(CodingKeys.epoch)
        static let groupInfo = Column(CodingKeys.groupInfo)
        static let settings = Column(CodingKeys.settings)
        static let publicState = Column(CodingKeys.publicState)
        static let creator = Column(CodingKeys.creator)
    }

    /// The room's epoch as the protocol counts it.
    var currentEpoch: UInt64 { UInt64(bitPattern: epoch) }
}
