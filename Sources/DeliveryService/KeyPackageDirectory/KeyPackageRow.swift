import Foundation
import GRDB

/// A row of `key_packages`: one published KeyPackage not yet served (a last-resort one stays after serving).
///
/// ```text
/// key_packages(ref, owner, signature_key, cipher_suite, not_after, last_resort, bytes, published_at)
/// ```
struct KeyPackageRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "key_packages"

    /// The KeyPackageRef (RFC 9420 §5.2), the primary key.
    var ref: Data
    /// The owner's bare JID.
    var owner: String
    /// The leaf node's signature key, which tells the owner's clients apart.
    var signatureKey: Data
    /// The cipher suite's number (RFC 9420 §17.1).
    var cipherSuite: UInt16
    /// The end of the lifetime, in ``StoreTime`` seconds.
    var notAfter: Int64
    /// Whether it is its client's last-resort KeyPackage, served only when nothing else is left, and kept.
    var lastResort: Bool
    /// The MLSMessage bytes, served as they were published.
    var bytes: Data
    /// When it was published, in ``StoreTime`` seconds; older ones are served first.
    var publishedAt: Int64

    /// The columns, named after the properties, for coding and for queries.
    enum CodingKeys: String, CodingKey, ColumnExpression {
        case ref, owner, signatureKey = "signature_key", cipherSuite = "cipher_suite", notAfter = "not_after"
        case lastResort = "last_resort", bytes, publishedAt = "published_at"
    }

    typealias Columns = CodingKeys

    /// The owner's KeyPackages whose lifetime has not ended at `now`.
    static func current(owner: String, now: Int64) -> QueryInterfaceRequest<KeyPackageRow> {
        filter(Columns.owner == owner && Columns.notAfter >= now)
    }
}
