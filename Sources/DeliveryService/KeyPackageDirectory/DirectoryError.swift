import XMPP

/// Why the KeyPackage directory refused a request; the text names the reason for the requester.
///
/// Equal by code. Each code maps to the stanza error condition the XMPP face sends.
public struct DirectoryError: Error, Sendable {
    /// The rule that refused the request.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        /// The stanza error condition this code is reported with.
        public let condition: StanzaErrorCondition

        /// The bytes are not a TLS-encoded MLSMessage.
        public static let malformed = Code(description: "malformed-key-package", condition: .badRequest)
        /// The MLSMessage is not a KeyPackage.
        public static let notAKeyPackage = Code(
            description: "not-a-key-package", condition: .badRequest)
        /// The KeyPackage is larger than the configured maximum.
        public static let tooLarge = Code(description: "key-package-too-large", condition: .badRequest)
        /// The request carries more KeyPackages than the configured maximum.
        public static let tooMany = Code(description: "too-many-key-packages", condition: .badRequest)
        /// The cipher suite is not enabled on this service.
        public static let suiteNotEnabled = Code(
            description: "cipher-suite-not-enabled", condition: .badRequest)
        /// The KeyPackage's signature does not verify.
        public static let badSignature = Code(description: "bad-signature", condition: .badRequest)
        /// The lifetime does not contain the current time.
        public static let lifetimeNotCurrent = Code(
            description: "lifetime-not-current", condition: .badRequest)
        /// The lifetime is longer than the configured maximum (RFC 9750 §7).
        public static let lifetimeTooLong = Code(
            description: "lifetime-too-long", condition: .badRequest)
        /// Any other RFC 9420 §10.1 rule failed.
        public static let invalid = Code(description: "invalid-key-package", condition: .badRequest)
        /// The credential does not name the publisher's bare JID.
        public static let identityMismatch = Code(
            description: "identity-mismatch", condition: .badRequest)
        /// The credential type is not accepted (X.509 without a configured rule).
        public static let credentialNotAccepted = Code(
            description: "credential-not-accepted", condition: .badRequest)
        /// The KeyPackage was already served once and cannot be published again.
        public static let alreadyServed = Code(description: "already-served", condition: .badRequest)
        /// The requested JID has no KeyPackages here.
        public static let unknownJID = Code(description: "unknown-jid", condition: .itemNotFound)
        /// The requester has used up its fetches of this target for the current window.
        public static let quotaExceeded = Code(
            description: "quota-exceeded", condition: .resourceConstraint)
        /// The database failed.
        public static let storage = Code(description: "storage", condition: .internalServerError)
    }

    public var code: Code
    /// A sentence naming the reason, sent as the stanza error's text.
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error)?
    public var fileID: String
    public var line: Int

    /// The stanza error condition to report.
    public var condition: StanzaErrorCondition { code.condition }
}

extension DirectoryError {
    /// - Parameters:
    ///   - code: The rule that refused the request.
    ///   - message: The reason, for the requester.
    ///   - cause: The underlying error, if any.
    public init(
        _ code: Code, _ message: String, cause: (any Error)? = nil, fileID: String = #fileID,
        line: Int = #line
    ) {
        self.init(code: code, message: message, cause: cause, fileID: fileID, line: line)
    }
}

extension DirectoryError: CodedError {}

extension DirectoryError {
    /// Wraps a database failure as `.storage`.
    ///
    /// - Parameter cause: The GRDB or SQLite error.
    /// - Returns: The error, whose text names no detail of the database to the requester.
    static func storage(_ cause: any Error, fileID: String = #fileID, line: Int = #line) -> DirectoryError {
        DirectoryError(.storage, "the database failed", cause: cause, fileID: fileID, line: line)
    }
}
