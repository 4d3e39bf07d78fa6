/// A failure of the database itself, as opposed to a refused request.
///
/// Equal by code, like the other errors admins see.
public struct StoreError: Error, Sendable {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        /// The database file could not be opened or migrated.
        public static let openFailed = Code(description: "open-failed")
        /// A query or transaction failed.
        public static let queryFailed = Code(description: "query-failed")
    }

    public var code: Code
    /// A sentence for the log.
    public var message: String
    /// The underlying GRDB or SQLite error.
    public var cause: (any Error)?
    public var fileID: String
    public var line: Int

    public init(
        code: Code, message: String, cause: (any Error)? = nil, fileID: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.cause = cause
        self.fileID = fileID
        self.line = line
    }
}

extension StoreError: CodedError {}

extension StoreError {
    /// Makes a `.queryFailed` error with `message` from a failure, as ``DeliveryStore``'s `read` and `write`
    /// take it.
    ///
    /// - Parameter message: A sentence for the log naming what could not be done.
    /// - Returns: The wrapper, which records where it was made.
    static func queryFailure(
        _ message: String, fileID: String = #fileID, line: Int = #line
    ) -> (any Error) -> StoreError {
        { StoreError(code: .queryFailed, message: message, cause: $0, fileID: fileID, line: line) }
    }
}
