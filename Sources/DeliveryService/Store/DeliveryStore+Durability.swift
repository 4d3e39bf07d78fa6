import GRDB

extension DeliveryStore {
    /// The synchronous mode the writing connection runs with, as SQLite reports it.
    ///
    /// - Returns: The mode, or nil for a level that is neither (an in-memory database reports its own).
    /// - Throws: `StoreError` when the database cannot be read.
    public func synchronousMode() throws(StoreError) -> SynchronousMode? {
        let level: Int?
        do {
            level = try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        } catch {
            throw StoreError(code: .queryFailed, message: "cannot read the synchronous mode", cause: error)
        }
        return SynchronousMode.allCases.first { $0.pragmaLevel == level }
    }
}
