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
                        SELECT cipher_suite, \(Self.stockColumns)
                        FROM key_packages WHERE owner = ?
                        GROUP BY cipher_suite ORDER BY cipher_suite
                        """,
                    arguments: [time, time, time, time, owner])
                return rows.map { row in
                    let suite: Int = row["cipher_suite"]
                    let stock = StockRow(row)
                    return SuiteStock(
                        suite: CipherSuite(rawValue: UInt16(clamping: suite)), ordinary: stock.ordinary,
                        lastResort: stock.lastResort, expired: stock.expired, nextExpiry: stock.nextExpiry)
                }
            }
        } catch {
            throw StoreError(code: .queryFailed, message: "cannot read the KeyPackage stock of \(owner)", cause: error)
        }
    }
}
