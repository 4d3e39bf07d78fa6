import Foundation
import GRDB
import MLS

/// Read-only views of the database for operators. They read a snapshot and never change anything, so they may run
/// while the gateway is serving from the same file.
extension DeliveryStore {
    /// Every room, ordered by JID.
    /// - Throws: `StoreError` `.queryFailed`.
    public func roomSummaries() throws(StoreError) -> [RoomSummary] {
        try readSummaries(where: nil)
    }

    /// One room.
    /// - Parameter jid: The room's bare JID.
    /// - Returns: The room, or nil when the database has no such room.
    /// - Throws: `StoreError` `.queryFailed`.
    public func roomSummary(jid: String) throws(StoreError) -> RoomSummary? {
        try readSummaries(where: jid).first
    }

    /// The figures the metrics endpoint reads at each scrape, in one cheap query.
    /// - Parameter now: KeyPackages past their lifetime at this time are not counted.
    /// - Returns: The number of rooms, and of unexpired KeyPackages (last-resort ones included).
    /// - Throws: `StoreError` `.queryFailed`.
    public func inventoryCounts(now: Date) throws(StoreError) -> (rooms: Int, keyPackagesInStock: Int) {
        let time = StoreTime.seconds(now)
        return try read(wrap: StoreError.queryFailure("cannot count rooms and KeyPackages")) { db in
            let rooms = try Table("rooms").fetchCount(db)
            let stock = try KeyPackageRow.filter(KeyPackageRow.Columns.notAfter >= time).fetchCount(db)
            return (rooms, stock)
        }
    }

    private func readSummaries(where jid: String?) throws(StoreError) -> [RoomSummary] {
        try read(wrap: StoreError.queryFailure("cannot read the rooms")) { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.jid, r.group_id, r.epoch, LENGTH(r.group_info) AS group_info_bytes,
                        SUM(CASE WHEN m.content_type = ? THEN 1 ELSE 0 END) AS commits,
                        SUM(CASE WHEN m.content_type = ? THEN 1 ELSE 0 END) AS proposals,
                        SUM(CASE WHEN m.content_type = ? THEN 1 ELSE 0 END) AS application,
                        COUNT(DISTINCT m.sender) AS senders,
                        MAX(m.accepted_at) AS last_accepted_at
                    FROM rooms r LEFT JOIN accepted_messages m ON m.room = r.jid
                    WHERE ? IS NULL OR r.jid = ?
                    GROUP BY r.jid ORDER BY r.jid
                    """,
                arguments: [
                    Int(ContentType.commit.rawValue), Int(ContentType.proposal.rawValue),
                    Int(ContentType.application.rawValue), jid, jid,
                ]
            ).map(Self.summary)
        }
    }

    /// A row of the summary query.
    private static func summary(_ row: Row) -> RoomSummary {
        let groupID: Data? = row["group_id"]
        let epoch: Int64 = row["epoch"]
        return RoomSummary(
            jid: row["jid"], groupID: groupID.map { Array($0) }, epoch: UInt64(max(epoch, 0)),
            groupInfoBytes: row["group_info_bytes"], commits: row["commits"] ?? 0,
            proposals: row["proposals"] ?? 0, applicationMessages: row["application"] ?? 0,
            senders: row["senders"], lastAcceptedAt: (row["last_accepted_at"] as Int64?).map(StoreTime.date))
    }
}
