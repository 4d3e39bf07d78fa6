import Foundation
import GRDB
import MLS
import XMPP

/// The directory of single-use KeyPackages (RFC 9750 §5.1), behind the `urn:xmpp:mls:keypackages:0` namespace.
///
/// - Publishing validates every KeyPackage and binds it to the publisher's bare JID before storing any.
/// - Fetching hands out one KeyPackage per client (signature key) of the target and deletes it in the same
///   transaction that records who it was served to, so no KeyPackage is served twice, even across a crash.
///   A client's last-resort KeyPackage is served only when it has nothing else, and is kept.
/// - Fetches are counted per requester and target; expired KeyPackages are swept.
public struct KeyPackageDirectory: Sendable {
    let store: DeliveryStore
    let configuration: DirectoryConfiguration
    let crypto: any CryptoProvider

    /// - Parameters:
    ///   - store: The database.
    ///   - configuration: The policy.
    ///   - crypto: Verifies signatures; the default provider unless a test supplies another.
    public init(
        store: DeliveryStore, configuration: DirectoryConfiguration = DirectoryConfiguration(),
        crypto: any CryptoProvider = DefaultCryptoProvider()
    ) {
        self.store = store
        self.configuration = configuration
        self.crypto = crypto
    }

    /// The owner's current stock.
    ///
    /// - Parameters:
    ///   - owner: Whose stock; only its bare JID counts.
    ///   - now: The current time; expired KeyPackages are not counted.
    /// - Throws: `DirectoryError.storage`.
    public func count(owner: JID, now: Date) throws(DirectoryError) -> KeyPackageStock {
        let ownerKey = owner.bare.description
        let time = StoreTime.seconds(now)
        return try store.read(wrap: { DirectoryError.storage($0) }) { db in
            try Self.stock(db, owner: ownerKey, now: time)
        }
    }

    /// Deletes expired KeyPackages, the served records of expired KeyPackages and lapsed quota windows.
    ///
    /// - Parameter now: The current time.
    /// - Returns: How many KeyPackages were deleted.
    /// - Throws: `DirectoryError.storage`.
    @discardableResult
    public func sweepExpired(now: Date) throws(DirectoryError) -> Int {
        let time = StoreTime.seconds(now)
        let window = Int64(clamping: configuration.quotaWindow)
        return try write { db in
            let deleted = try KeyPackageRow.filter(KeyPackageRow.Columns.notAfter < time).deleteAll(db)
            // A served record only matters while its KeyPackage could still be used in a Welcome or republished.
            try ServedKeyPackageRow.filter(ServedKeyPackageRow.Columns.notAfter < time).deleteAll(db)
            try FetchQuotaRow.filter(FetchQuotaRow.Columns.windowStart + window <= time).deleteAll(db)
            return deleted
        }
    }

    /// The owner's current stock, read in the caller's transaction.
    static func stock(_ db: Database, owner: String, now: Int64) throws -> KeyPackageStock {
        let current = KeyPackageRow.current(owner: owner, now: now)
        let available = try current.filter(KeyPackageRow.Columns.lastResort == false).fetchCount(db)
        let lastResort = try current.filter(KeyPackageRow.Columns.lastResort == true).fetchCount(db)
        return KeyPackageStock(available: available, hasLastResort: lastResort > 0)
    }

    /// Runs `body` as one transaction, passing refusals through and wrapping database failures as `.storage`.
    func write<T>(_ body: (Database) throws -> T) throws(DirectoryError) -> T {
        try store.write(wrap: { DirectoryError.storage($0) }, body)
    }
}
