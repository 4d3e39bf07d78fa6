import Foundation
import GRDB
import MLS

extension DeliveryStore {
    /// One user's KeyPackage stock, per cipher suite, ordered by suite. Read-only, like the other inventory views.
    /// - Parameters:
    ///   - owner: The user's bare JID.
    ///   - now: What counts as expired is decided against this time.
    /// - Returns: One entry per suite the user has KeyPackages of, expired ones included; empty when none.
    /// - Throws: `StoreError` `.queryFailed`.
    public func keyPackageStock(owner: String, now: Date) throws(StoreError) -> [SuiteStock] {
        let time = StoreTime.seconds(now)
        do {
            return try writer.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT cipher_suite,
                            SUM(CASE WHEN not_after >= ? AND last_resort = 0 THEN 1 ELSE 0 END) AS ordinary,
                            SUM(CASE WHEN not_after >= ? AND last_resort = 1 THEN 1 ELSE 0 END) AS last_resort,
                            SUM(CASE WHEN not_after < ? THEN 1 ELSE 0 END) AS expired,
                            MIN(CASE WHEN not_after >= ? THEN not_after END) AS next_expiry
                        FROM key_packages WHERE owner = ?
                        GROUP BY cipher_suite ORDER BY cipher_suite
                        """,
                    arguments: [time, time, time, time, owner])
                return rows.map { row in
                    let suite: Int = row["cipher_suite"]
                    let next: Int64? = row["next_expiry"]
                    return SuiteStock(
                        suite: CipherSuite(rawValue: UInt16(clamping: suite)), ordinary: row["ordinary"],
                        lastResort: row["last_resort"], expired: row["expired"],
                        nextExpiry: next.map { Date(timeIntervalSince1970: TimeInterval($0)) })
                }
            }
        } catch {
            throw StoreError(code: .queryFailed, message: "cannot read the KeyPackage stock of \(owner)", cause: error)
        }
    }
}
