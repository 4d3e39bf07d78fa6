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
    private let store: DeliveryStore
    private let configuration: DirectoryConfiguration
    private let crypto: any CryptoProvider

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
        var entries: [StoredKeyPackage] = []
        for (index, upload) in uploads.enumerated() {
            entries.append(try validate(upload, index: index, owner: owner, now: now))
        }
        let ownerKey = owner.description
        let publishedAt = StoreTime.seconds(now)
        return try write { db in
            for entry in entries {
                let served = try Bool.fetchOne(
                    db, sql: "SELECT last_resort FROM served_key_packages WHERE ref = ?",
                    arguments: [Data(entry.ref)])
                if let served, !(served && entry.lastResort) {
                    throw DirectoryError(
                        .alreadyServed, "KeyPackage \(KeyPackageRef(bytes: entry.ref)) was already served")
                }
                if entry.lastResort {
                    // A client keeps one last-resort KeyPackage per suite: a new one replaces the old.
                    try db.execute(
                        sql: """
                            DELETE FROM key_packages WHERE owner = ? AND signature_key = ? AND cipher_suite = ?
                            AND last_resort = 1
                            """,
                        arguments: [ownerKey, Data(entry.signatureKey), Int(entry.cipherSuite.rawValue)])
                }
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO key_packages
                        (ref, owner, signature_key, cipher_suite, not_after, last_resort, bytes, published_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        Data(entry.ref), ownerKey, Data(entry.signatureKey), Int(entry.cipherSuite.rawValue),
                        entry.notAfter, entry.lastResort, Data(entry.bytes), publishedAt,
                    ])
            }
            return try Self.stock(db, owner: ownerKey, now: publishedAt).available
        }
    }

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
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT ref, signature_key, last_resort, not_after, bytes FROM key_packages
                    WHERE owner = ? AND cipher_suite = ? AND not_after >= ?
                    ORDER BY last_resort ASC, published_at ASC, ref ASC
                    """,
                arguments: [ownerKey, Int(cipherSuite.rawValue), time])
            var clients: Set<Data> = []
            var served: [[UInt8]] = []
            for row in rows {
                let signatureKey: Data = row["signature_key"]
                // Ordinary KeyPackages sort first, so a client's last resort is reached only when it has none.
                guard clients.insert(signatureKey).inserted else { continue }
                let ref: Data = row["ref"]
                let lastResort: Bool = row["last_resort"]
                let notAfter: Int64 = row["not_after"]
                if !lastResort {
                    try db.execute(sql: "DELETE FROM key_packages WHERE ref = ?", arguments: [ref])
                }
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO served_key_packages
                        (ref, owner, requester, last_resort, not_after, served_at) VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [ref, ownerKey, requesterKey, lastResort, notAfter, time])
                let bytes: Data = row["bytes"]
                served.append(Array(bytes))
            }
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

    /// The owner's current stock.
    ///
    /// - Parameters:
    ///   - owner: Whose stock; only its bare JID counts.
    ///   - now: The current time; expired KeyPackages are not counted.
    /// - Throws: `DirectoryError.storage`.
    public func count(owner: JID, now: Date) throws(DirectoryError) -> KeyPackageStock {
        let ownerKey = owner.bare.description
        let time = StoreTime.seconds(now)
        do {
            return try store.writer.read { db in try Self.stock(db, owner: ownerKey, now: time) }
        } catch {
            throw DirectoryError(.storage, "cannot count KeyPackages", cause: error)
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
            try db.execute(sql: "DELETE FROM key_packages WHERE not_after < ?", arguments: [time])
            let deleted = db.changesCount
            // A served record only matters while its KeyPackage could still be used in a Welcome or republished.
            try db.execute(sql: "DELETE FROM served_key_packages WHERE not_after < ?", arguments: [time])
            try db.execute(
                sql: "DELETE FROM fetch_quotas WHERE window_start + ? <= ?", arguments: [window, time])
            return deleted
        }
    }

    // MARK: - Validation

    private func validate(
        _ upload: KeyPackageUpload, index: Int, owner: JID, now: Date
    ) throws(DirectoryError) -> StoredKeyPackage {
        let which = "KeyPackage \(index + 1)"
        guard upload.bytes.count <= configuration.maximumKeyPackageBytes else {
            throw DirectoryError(
                .tooLarge,
                "\(which) is \(upload.bytes.count) bytes, at most \(configuration.maximumKeyPackageBytes)")
        }
        let message: MLSMessage
        do {
            message = try MLSMessage(tlsEncoded: upload.bytes)
        } catch {
            throw DirectoryError(.malformed, "\(which) is not a valid MLSMessage: \(error)", cause: error)
        }
        guard case .keyPackage(let keyPackage) = message.body else {
            throw DirectoryError(.notAKeyPackage, "\(which) is an MLSMessage of another wire format")
        }
        guard configuration.enabledSuites.contains(keyPackage.cipherSuite) else {
            throw DirectoryError(
                .suiteNotEnabled,
                "\(which) uses cipher suite \(keyPackage.cipherSuite.rawValue), not enabled here")
        }
        let validated: ValidatedKeyPackage
        do {
            validated = try ValidatedKeyPackage(
                validating: keyPackage, cipherSuite: keyPackage.cipherSuite, crypto: crypto, now: now,
                maximumLifetime: configuration.maximumLifetime)
        } catch {
            throw Self.directoryError(error, which: which)
        }
        try checkIdentity(keyPackage.leafNode.credential, owner: owner, which: which)
        guard case .keyPackage(let lifetime) = keyPackage.leafNode.source else {
            throw DirectoryError(.invalid, "\(which) has a leaf node that is not from a KeyPackage")
        }
        return StoredKeyPackage(
            ref: validated.ref.bytes, signatureKey: keyPackage.leafNode.signatureKey,
            cipherSuite: keyPackage.cipherSuite, notAfter: Int64(clamping: lifetime.notAfter),
            // The `last-resort` attribute or the KeyPackage's own `last_resort_key_package` marks it.
            lastResort: upload.lastResort || keyPackage.isLastResort, bytes: upload.bytes)
    }

    private func checkIdentity(_ credential: Credential, owner: JID, which: String)
        throws(DirectoryError)
    {
        let named: String?
        switch credential {
        case .basic(let identity):
            named = String(validating: identity, as: UTF8.self)
            guard named != nil else {
                throw DirectoryError(.identityMismatch, "\(which) has a basic identity that is not UTF-8")
            }
        case .x509(let certificates):
            guard let rule = configuration.x509Identity else {
                throw DirectoryError(
                    .credentialNotAccepted, "\(which) has an X.509 credential, not accepted here")
            }
            named = rule(certificates)
        @unknown default:
            throw DirectoryError(
                .credentialNotAccepted, "\(which) has a credential type not accepted here")
        }
        guard let named, let jid = try? JID(named), jid.isBare, jid == owner else {
            throw DirectoryError(
                .identityMismatch,
                "\(which) has a credential naming \(named ?? "no JID"), not the publisher \(owner)")
        }
    }

    private static func directoryError(_ error: KeyPackageError, which: String) -> DirectoryError {
        switch error {
        case .invalidSignature:
            return DirectoryError(
                .badSignature, "\(which) has a signature that does not verify", cause: error)
        case .invalidLeafNode(.invalidSignature):
            return DirectoryError(
                .badSignature, "\(which) has a leaf node signature that does not verify", cause: error)
        case .invalidLeafNode(.lifetimeNotCurrent(let lifetime)):
            return DirectoryError(
                .lifetimeNotCurrent,
                "\(which) is valid from \(lifetime.notBefore) to \(lifetime.notAfter), not now",
                cause: error)
        case .invalidLeafNode(.lifetimeTooLong(let lifetime, let maximum)):
            return DirectoryError(
                .lifetimeTooLong,
                "\(which) has a lifetime of \(lifetime.notAfter &- lifetime.notBefore) seconds, at most \(maximum)",
                cause: error)
        default:
            return DirectoryError(.invalid, "\(which) is invalid: \(error)", cause: error)
        }
    }

    // MARK: - Storage

    private func chargeQuota(_ db: Database, requester: String, target: String, now: Int64) throws {
        let window = Int64(clamping: configuration.quotaWindow)
        let row = try Row.fetchOne(
            db, sql: "SELECT window_start, count FROM fetch_quotas WHERE requester = ? AND target = ?",
            arguments: [requester, target])
        var start = now
        var count = 0
        if let row, (row["window_start"] as Int64) + window > now {
            start = row["window_start"]
            count = row["count"]
        }
        guard count < configuration.fetchQuota else {
            throw DirectoryError(
                .quotaExceeded,
                "\(requester) has fetched \(target)'s KeyPackages \(count) times in the current window")
        }
        try db.execute(
            sql:
                "INSERT OR REPLACE INTO fetch_quotas (requester, target, window_start, count) VALUES (?, ?, ?, ?)",
            arguments: [requester, target, start, count + 1])
    }

    private static func stock(_ db: Database, owner: String, now: Int64) throws -> KeyPackageStock {
        let available =
            try Int.fetchOne(
                db,
                sql:
                    "SELECT COUNT(*) FROM key_packages WHERE owner = ? AND last_resort = 0 AND not_after >= ?",
                arguments: [owner, now]) ?? 0
        let lastResort =
            try Int.fetchOne(
                db,
                sql:
                    "SELECT COUNT(*) FROM key_packages WHERE owner = ? AND last_resort = 1 AND not_after >= ?",
                arguments: [owner, now]) ?? 0
        return KeyPackageStock(available: available, hasLastResort: lastResort > 0)
    }

    /// Runs `body` as one transaction, passing refusals through and wrapping database failures.
    private func write<T>(_ body: (Database) throws -> T) throws(DirectoryError) -> T {
        do {
            return try store.writer.write(body)
        } catch let error as DirectoryError {
            throw error
        } catch {
            throw DirectoryError(.storage, "the database failed", cause: error)
        }
    }
}

/// A validated KeyPackage about to be stored.
private struct StoredKeyPackage {
    var ref: [UInt8]
    var signatureKey: [UInt8]
    var cipherSuite: CipherSuite
    var notAfter: Int64
    var lastResort: Bool
    var bytes: [UInt8]
}

/// What a fetch transaction found, decided inside it so that the quota charge commits either way.
private enum FetchOutcome {
    case unknown
    case served(FetchResult)
}
