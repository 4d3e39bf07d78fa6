import Foundation
import GRDB
import MLS
import XMPP

extension KeyPackageDirectory {
    /// Validates and stores KeyPackages for their publisher, all or none.
    ///
    /// - Parameters:
    ///   - uploads: The KeyPackages, as MLSMessage bytes, each possibly marked last resort.
    ///   - publisher: The sender; only its bare JID counts.
    ///   - now: The current time, which every lifetime must contain.
    /// - Returns: The publisher's ordinary KeyPackages available after the publish.
    /// - Throws: `DirectoryError` naming the first KeyPackage that fails and why; nothing is stored then.
    public func publish(_ uploads: [KeyPackageUpload], publisher: JID, now: Date)
        throws(DirectoryError) -> Int
    {
        guard uploads.count <= configuration.maximumPerPublish else {
            throw DirectoryError(
                .tooMany,
                "\(uploads.count) KeyPackages in one request, at most \(configuration.maximumPerPublish)")
        }
        let owner = publisher.bare
        let publishedAt = StoreTime.seconds(now)
        var rows: [KeyPackageRow] = []
        for (index, upload) in uploads.enumerated() {
            rows.append(try validate(upload, index: index, owner: owner, now: now, publishedAt: publishedAt))
        }
        return try write { db in
            for row in rows {
                try Self.save(row, db)
            }
            return try Self.stock(db, owner: owner.description, now: publishedAt).available
        }
    }

    /// Stores one validated KeyPackage in the caller's transaction, unless it was served before.
    private static func save(_ row: KeyPackageRow, _ db: Database) throws {
        if let served = try ServedKeyPackageRow.fetchOne(db, key: row.ref), !(served.lastResort && row.lastResort) {
            throw DirectoryError(
                .alreadyServed, "KeyPackage \(KeyPackageRef(bytes: Array(row.ref))) was already served")
        }
        if row.lastResort {
            // A client keeps one last-resort KeyPackage per suite: a new one replaces the old.
            try KeyPackageRow.filter(
                KeyPackageRow.Columns.owner == row.owner && KeyPackageRow.Columns.signatureKey == row.signatureKey
                    && KeyPackageRow.Columns.cipherSuite == row.cipherSuite && KeyPackageRow.Columns.lastResort == true
            ).deleteAll(db)
        }
        try row.insert(db, onConflict: .replace)
    }
}
