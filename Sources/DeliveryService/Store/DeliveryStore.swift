import GRDB

/// The Delivery Service's SQLite database: KeyPackages, fetch quotas, rooms and accepted messages.
///
/// A file-backed store uses a GRDB `DatabasePool` in WAL mode, so readers never wait for the writer and a
/// committed transaction survives a crash of the process; its ``SynchronousMode`` says whether it also survives a
/// power loss. Every state change of the services is one `write` call, which is one transaction: it commits whole
/// or not at all.
///
/// **Warning**: a change is durable once `write` returns (on the disk with ``SynchronousMode/full``, in the
/// operating system's cache with ``SynchronousMode/normal``); callers send the stanzas it causes only afterwards.
public final class DeliveryStore: Sendable {
    /// The GRDB writer: a pool for a file, a queue for an in-memory database.
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path` in WAL mode and applies pending migrations.
    ///
    /// - Parameters:
    ///   - path: The database file, from `[storage] path`.
    ///   - synchronous: When commits reach the disk, from `[storage] synchronous`.
    /// - Throws: `StoreError` when the file cannot be opened or migrated.
    public init(path: String, synchronous: SynchronousMode = .full) throws(StoreError) {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            let pool = try DatabasePool(path: path, configuration: configuration)
            // Not in `prepareDatabase`: the pool sets `synchronous = NORMAL` on its writer after that has run, when
            // it turns WAL on. Only the writer commits, so its connection is the one that counts.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(synchronous.pragmaLevel)")
            }
            try Self.migrator.migrate(pool)
            writer = pool
        } catch {
            throw StoreError(
                code: .openFailed, message: "cannot open the database at \(path)", cause: error)
        }
    }

    /// Opens a private in-memory database, for tests; it vanishes with the store.
    ///
    /// - Throws: `StoreError` when migration fails.
    public static func inMemory() throws(StoreError) -> DeliveryStore {
        do {
            let queue = try DatabaseQueue()
            try migrator.migrate(queue)
            return DeliveryStore(writer: queue)
        } catch {
            throw StoreError(
                code: .openFailed, message: "cannot open an in-memory database", cause: error)
        }
    }

    private init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// The names of the migrations applied to the database, in order.
    ///
    /// - Throws: `StoreError` when the database cannot be read.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read(wrap: StoreError.queryFailure("cannot read the applied migrations")) { db in
            try Self.migrator.appliedMigrations(db)
        }
    }

    /// Whether the database runs in WAL journal mode.
    ///
    /// - Throws: `StoreError` when the database cannot be read.
    public func isWriteAheadLogging() throws(StoreError) -> Bool {
        let mode = try read(wrap: StoreError.queryFailure("cannot read the journal mode")) { db in
            try String.fetchOne(db, sql: "PRAGMA journal_mode")
        }
        return mode?.lowercased() == "wal"
    }

    /// Closes the database; later calls fail.
    ///
    /// - Throws: `StoreError` when the database cannot be closed.
    public func close() throws(StoreError) {
        do {
            if let pool = writer as? DatabasePool {
                try pool.close()
            } else if let queue = writer as? DatabaseQueue {
                try queue.close()
            }
        } catch {
            throw StoreError(code: .queryFailed, message: "cannot close the database", cause: error)
        }
    }
}
