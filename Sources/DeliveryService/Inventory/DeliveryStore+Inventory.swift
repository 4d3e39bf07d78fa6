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

    /// The KeyPackage stock of every owner, or of one, ordered by owner.
    /// - Parameters:
    ///   - owner: A bare JID to restrict the answer to, or nil for all owners.
    ///   - now: What counts as expired is decided against this time.
    /// - Throws: `StoreError` `.queryFailed`.
    public func keyPackageStocks(owner: String? = nil, now: Date) throws(StoreError) -> [OwnerStock] {
        let time = StoreTime.seconds(now)
        do {
            return try writer.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT owner, \(Self.stockColumns)
                        FROM key_packages
                        WHERE ? IS NULL OR owner = ?
                        GROUP BY owner ORDER BY owner
                        """,
                    arguments: [time, time, time, time, owner, owner])
                return rows.map { row in
                    let stock = StockRow(row)
                    return OwnerStock(
                        owner: row["owner"], ordinary: stock.ordinary, lastResort: stock.lastResort,
                        expired: stock.expired, nextExpiry: stock.nextExpiry)
                }
            }
        } catch {
            throw StoreError(code: .queryFailed, message: "cannot read the KeyPackage stock", cause: error)
        }
    }

    /// The figures the metrics endpoint reads at each scrape, in one cheap query.
    /// - Parameter now: KeyPackages past their lifetime at this time are not counted.
    /// - Returns: The number of rooms, and of unexpired KeyPackages (last-resort ones included).
    /// - Throws: `StoreError` `.queryFailed`.
    public func inventoryCounts(now: Date) throws(StoreError) -> (rooms: Int, keyPackagesInStock: Int) {
        let time = StoreTime.seconds(now)
        do {
            return try writer.read { db in
                let rooms = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rooms") ?? 0
                let stock =
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM key_packages WHERE not_after >= ?", arguments: [time]) ?? 0
                return (rooms, stock)
            }
        } catch {
            throw StoreError(code: .queryFailed, message: "cannot count rooms and KeyPackages", cause: error)
        }
    }

    private func readSummaries(where jid: String?) throws(StoreError) -> [RoomSummary] {
        do {
            return try writer.read { db in
                let rows = try Row.fetchAll(
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
                    ])
                return rows.map { row in
                    let groupID: Data? = row["group_id"]
                    let epoch: Int64 = row["epoch"]
                    let last: Int64? = row["last_accepted_at"]
                    return RoomSummary(
                        jid: row["jid"], groupID: groupID.map { Array($0) }, epoch: UInt64(max(epoch, 0)),
                        groupInfoBytes: row["group_info_bytes"], commits: row["commits"] ?? 0,
                        proposals: row["proposals"] ?? 0, applicationMessages: row["application"] ?? 0,
                        senders: row["senders"],
                        lastAcceptedAt: last.map { Date(timeIntervalSince1970: TimeInterval($0)) })
                }
            }
        } catch {
            throw StoreError(code: .queryFailed, message: "cannot read the rooms", cause: error)
        }
    }
}

extension DeliveryStore {
    /// The aggregate columns of a KeyPackage stock query; its four `?` all take the current time.
    static let stockColumns = """
        SUM(CASE WHEN not_after >= ? AND last_resort = 0 THEN 1 ELSE 0 END) AS ordinary,
        SUM(CASE WHEN not_after >= ? AND last_resort = 1 THEN 1 ELSE 0 END) AS last_resort,
        SUM(CASE WHEN not_after < ? THEN 1 ELSE 0 END) AS expired,
        MIN(CASE WHEN not_after >= ? THEN not_after END) AS next_expiry
        """

    /// The figures of ``stockColumns`` in one row.
    struct StockRow {
        var ordinary: Int
        var lastResort: Int
        var expired: Int
        var nextExpiry: Date?

        init(_ row: Row) {
            ordinary = row["ordinary"]
            lastResort = row["last_resort"]
            expired = row["expired"]
            let next: Int64? = row["next_expiry"]
            nextExpiry = next.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
    }
}
