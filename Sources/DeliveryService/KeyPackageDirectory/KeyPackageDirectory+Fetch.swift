import Foundation
import GRDB
import MLS
import XMPP

extension KeyPackageDirectory {
    /// Hands out one KeyPackage per client of `target` in `cipherSuite`, deleting the single-use ones.
    ///
    /// - Parameters:
    ///   - target: Whose KeyPackages; only its bare JID counts.
    ///   - cipherSuite: The suite of the group the requester will add the target to.
    ///   - requester: Who asks; its quota for this target is charged, even when the target is unknown.
    ///   - now: The current time; expired KeyPackages are never served.
    /// - Returns: The KeyPackages, and the target's stock when this fetch took it below the low mark.
    /// - Throws: `DirectoryError` `.quotaExceeded`, `.unknownJID` when the target has no current KeyPackage,
    ///   or `.storage`.
    public func fetch(
        target: JID, cipherSuite: CipherSuite, requester: JID, now: Date
    ) throws(DirectoryError) -> FetchResult {
        let ownerKey = target.bare.description
        let requesterKey = requester.bare.description
        let time = StoreTime.seconds(now)
        let outcome: FetchOutcome = try write { db in
            try chargeQuota(db, requester: requesterKey, target: ownerKey, now: time)
            let before = try Self.stock(db, owner: ownerKey, now: time)
            guard before.available > 0 || before.hasLastResort else { return .unknown }
            let served = try Self.serve(
                db, owner: ownerKey, cipherSuite: cipherSuite, requester: requesterKey, now: time)
            let after = try Self.stock(db, owner: ownerKey, now: time)
            let crossed =
                before.available >= configuration.lowMark && after.available < configuration.lowMark
            return .served(FetchResult(keyPackages: served, lowStock: crossed ? after : nil))
        }
        switch outcome {
        case .unknown:
            throw DirectoryError(.unknownJID, "\(ownerKey) has no KeyPackages here")
        case .served(let result):
            return result
        }
    }

    /// Claims one current KeyPackage per client of `owner` in the caller's transaction (RFC 9750 §5.1): a
    /// single-use one is deleted in the same transaction that records it as served, so it is never served twice.
    ///
    /// - Returns: The KeyPackages' MLSMessage bytes.
    private static func serve(
        _ db: Database, owner: String, cipherSuite: CipherSuite, requester: String, now: Int64
    ) throws -> [[UInt8]] {
        let rows = try KeyPackageRow.current(owner: owner, now: now)
            .filter(KeyPackageRow.Columns.cipherSuite == cipherSuite.rawValue)
            .order(
                KeyPackageRow.Columns.lastResort.asc, KeyPackageRow.Columns.publishedAt.asc,
                KeyPackageRow.Columns.ref.asc
            )
            .fetchAll(db)
        var clients: Set<Data> = []
        var served: [[UInt8]] = []
        for row in rows {
            // Ordinary KeyPackages sort first, so a client's last resort is reached only when it has none.
            guard clients.insert(row.signatureKey).inserted else { continue }
            if !row.lastResort {
                try row.delete(db)
            }
            let record = ServedKeyPackageRow(
                ref: row.ref, owner: owner, requester: requester, lastResort: row.lastResort,
                notAfter: row.notAfter, servedAt: now)
            try record.insert(db, onConflict: .replace)
            served.append(Array(row.bytes))
        }
        return served
    }

    /// Counts one fetch of `target` by `requester` in the current window, refusing it past the quota.
    private func chargeQuota(_ db: Database, requester: String, target: String, now: Int64) throws {
        let window = Int64(clamping: configuration.quotaWindow)
        var quota = FetchQuotaRow(requester: requester, target: target, windowStart: now, count: 0)
        let saved = try FetchQuotaRow.fetchOne(db, key: ["requester": requester, "target": target])
        if let saved, saved.windowStart + window > now {
            quota = saved
        }
        guard quota.count < configuration.fetchQuota else {
            throw DirectoryError(
                .quotaExceeded,
                "\(requester) has fetched \(target)'s KeyPackages \(quota.count) times in the current window")
        }
        quota.count += 1
        try quota.insert(db, onConflict: .replace)
    }
}

/// What a fetch transaction found, decided inside it so that the quota charge commits either way.
private enum FetchOutcome {
    case unknown
    case served(FetchResult)
}
