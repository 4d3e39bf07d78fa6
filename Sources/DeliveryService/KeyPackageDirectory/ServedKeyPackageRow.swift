import Foundation
import GRDB

/// A row of `served_key_packages`: a KeyPackage handed out, so that a Welcome naming its ref can be routed to its
/// owner and so that it can never be published and served again.
///
/// ```text
/// served_key_packages(ref, owner, requester, last_resort, not_after, served_at)
/// ```
struct ServedKeyPackageRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "served_key_packages"

    /// The KeyPackageRef, the primary key.
    var ref: Data
    /// The owner's bare JID.
    var owner: String
    /// The bare JID it was served to.
    var requester: String
    /// Whether it was a last-resort KeyPackage, which may be served again.
    var lastResort: Bool
    /// The end of the KeyPackage's lifetime, after which the record is swept.
    var notAfter: Int64
    /// When it was served, in ``StoreTime`` seconds.
    var servedAt: Int64

    /// The columns, named after the properties, for coding and for queries.
    enum CodingKeys: String, CodingKey, ColumnExpression {
        case ref, owner, requester, lastResort = "last_resort", notAfter = "not_after", servedAt = "served_at"
    }

    typealias Columns = CodingKeys

}
