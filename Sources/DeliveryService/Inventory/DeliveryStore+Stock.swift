import Foundation
import GRDB
import MLS

/// KeyPackage stock views for operators. Read-only, like the other inventory views.
extension DeliveryStore {
    /// The KeyPackage stock of every owner, or of one, ordered by owner.
    /// - Parameters:
    ///   - owner: A bare JID to restrict the answer to, or nil for all owners.
    ///   - now: What counts as expired is decided against this time.
    /// - Throws: `StoreError` `.queryFailed`.
    public func keyPackageStocks(owner: String? = nil, now: Date) throws(StoreError) -> [OwnerStock] {
        try stocks(of: owner, by: "owner", now: now, failure: "cannot read the KeyPackage stock") { row in
            row["owner"]
        }
    }

    /// One user's KeyPackage stock, per cipher suite, ordered by suite.
    /// - Parameters:
    ///   - owner: The user's bare JID.
    ///   - now: What counts as expired is decided against this time.
    /// - Returns: One entry per suite the user has KeyPackages of, expired ones included; empty when none.
    /// - Throws: `StoreError` `.queryFailed`.
    public func keyPackageStock(owner: String, now: Date) throws(StoreError) -> [SuiteStock] {
        try stocks(of: owner, by: "cipher_suite", now: now, failure: "cannot read the KeyPackage stock of \(owner)") {
            row in CipherSuite(rawValue: UInt16(clamping: row["cipher_suite"] as Int))
        }
    }

    /// The stock of `owner`, or of every owner, grouped and ordered by `column` of `key_packages`.
    private func stocks<Key>(
        of owner: String?, by column: String, now: Date, failure: String, key: (Row) -> Key
    ) throws(StoreError) -> [InventoryStock<Key>] {
        let time = StoreTime.seconds(now)
        return try read(wrap: StoreError.queryFailure(failure)) { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(column),
                        SUM(CASE WHEN not_after >= ? AND last_resort = 0 THEN 1 ELSE 0 END) AS ordinary,
                        SUM(CASE WHEN not_after >= ? AND last_resort = 1 THEN 1 ELSE 0 END) AS last_resort,
                        SUM(CASE WHEN not_after < ? THEN 1 ELSE 0 END) AS expired,
                        MIN(CASE WHEN not_after >= ? THEN not_after END) AS next_expiry
                    FROM key_packages
                    WHERE ? IS NULL OR owner = ?
                    GROUP BY \(column) ORDER BY \(column)
                    """,
                arguments: [time, time, time, time, owner, owner]
            ).map { row in
                InventoryStock(
                    key: key(row), ordinary: row["ordinary"], lastResort: row["last_resort"], expired: row["expired"],
                    nextExpiry: (row["next_expiry"] as Int64?).map(StoreTime.date))
            }
        }
    }
}
