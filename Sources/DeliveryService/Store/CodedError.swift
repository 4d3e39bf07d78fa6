/// An error that admins see: a code, a sentence and the underlying cause, equal by code.
///
/// ``StoreError`` and ``DirectoryError`` conform; each layer keeps its own type and codes, and shares only
/// the equality and the log text.
public protocol CodedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code's type: one value per rule or failure.
    associatedtype Code: Hashable, CustomStringConvertible
    /// What went wrong.
    var code: Code { get }
    /// A sentence for the log or the requester.
    var message: String { get }
    /// The underlying error, if any.
    var cause: (any Error)? { get }
}

extension CodedError {
    /// Equal by code: the message, cause and place may differ.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    /// `code: message (cause)`.
    public var description: String { "\(code): \(message)" + (cause.map { " (\($0))" } ?? "") }
}
