import Foundation
import GRDB

/// The columns of `rooms` the epoch rule reads: the group binding and the epoch, without the large blobs (the
/// followed group state, the GroupInfo) the rest of the row holds.
struct RoomBinding: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = RoomRow.databaseTableName
    static var databaseSelection: [any SQLSelectable] { [RoomRow.Columns.groupID, RoomRow.Columns.epoch] }

    var groupID: Data?
    var epoch: Int64

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case groupID = "group_id", epoch
    }

    /// Checks a message against this binding.
    func check(_ header: MessageHeader, rule: EpochRule) throws(SequencerError) -> UInt64? {
        try rule.check(header, boundGroup: groupID.map(Array.init), currentEpoch: UInt64(bitPattern: epoch))
    }
}
