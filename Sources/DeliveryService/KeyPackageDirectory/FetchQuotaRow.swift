import GRDB

/// A row of `fetch_quotas`: how often one requester has fetched one target's KeyPackages in the current window.
///
/// ```text
/// fetch_quotas(requester, target, window_start, count)
/// ```
struct FetchQuotaRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "fetch_quotas"

    /// The requester's bare JID.
    var requester: String
    /// The target's bare JID.
    var target: String
    /// When the window began, in ``StoreTime`` seconds.
    var windowStart: Int64
    /// The fetches in the window so far.
    var count: Int

    /// The columns, named after the properties, for coding and for queries.
    enum CodingKeys: String, CodingKey, ColumnExpression {
        case requester, target, windowStart = "window_start", count
    }

    typealias Columns = CodingKeys

}
