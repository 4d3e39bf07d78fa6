import GRDB

extension DeliveryStore {
    /// Runs `body` as one write transaction, passing errors of the caller's type through and wrapping the others.
    ///
    /// A refusal `body` throws as an `E` rolls the transaction back and reaches the caller as it is; a database
    /// failure, or any other error, reaches it as `wrap(error)`. Each layer calls this with its own error type,
    /// so that its storage failures carry their cause instead of being flattened.
    ///
    /// - Parameters:
    ///   - wrap: Makes the caller's error from a failure that is not already one.
    ///   - body: The transaction.
    /// - Returns: What `body` returns, once the transaction has committed.
    /// - Throws: `E`: what `body` throws when it is an `E`, else `wrap` of the failure.
    func write<T, E: Error>(wrap: (any Error) -> E, _ body: (Database) throws -> T) throws(E) -> T {
        try Self.wrapping(wrap) { try writer.write(body) }
    }

    /// Runs `body` on a read-only snapshot, passing errors of the caller's type through and wrapping the others.
    ///
    /// - Parameters:
    ///   - wrap: Makes the caller's error from a failure that is not already one.
    ///   - body: The reads.
    /// - Returns: What `body` returns.
    /// - Throws: `E`: what `body` throws when it is an `E`, else `wrap` of the failure.
    func read<T, E: Error>(wrap: (any Error) -> E, _ body: (Database) throws -> T) throws(E) -> T {
        try Self.wrapping(wrap) { try writer.read(body) }
    }

    private static func wrapping<T, E: Error>(_ wrap: (any Error) -> E, _ run: () throws -> T) throws(E) -> T {
        do {
            return try run()
        } catch let error as E {
            throw error
        } catch {
            throw wrap(error)
        }
    }
}
