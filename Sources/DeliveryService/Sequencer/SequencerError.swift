import XMPP

/// Why the sequencer refused a message; the text names the reason for the sender. No state changed.
///
/// Equal by code. Each code maps to the stanza error condition the XMPP face sends.
public struct SequencerError: Error, Sendable {
    /// The rule that refused the message.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        /// The stanza error condition this code is reported with.
        public let condition: StanzaErrorCondition

        /// The payload, Welcome or GroupInfo is larger than the configured maximum.
        public static let tooLarge = Code(description: "payload-too-large", condition: .badRequest)
        /// The payload is not a TLS-encoded MLSMessage.
        public static let malformed = Code(description: "malformed-message", condition: .badRequest)
        /// The payload is an MLSMessage but neither a PublicMessage nor a PrivateMessage.
        public static let unexpectedWireFormat = Code(
            description: "unexpected-wire-format", condition: .badRequest)
        /// The message's group id is not the one the room is bound to.
        public static let wrongGroup = Code(description: "wrong-group", condition: .badRequest)
        /// The room has no group yet and the message is not a commit.
        public static let roomNotBound = Code(
            description: "room-not-bound", condition: .unexpectedRequest)
        /// The epoch is not one the message type is accepted for; `currentEpoch` says the room's epoch.
        public static let staleEpoch = Code(description: "stale-epoch", condition: .conflict)
        /// The room is at the last representable epoch.
        public static let epochExhausted = Code(
            description: "epoch-exhausted", condition: .notAcceptable)
        /// A Welcome or GroupInfo came with a message that is not a commit.
        public static let attachmentWithoutCommit = Code(
            description: "attachment-without-commit", condition: .badRequest)
        /// The Welcome is not a TLS-encoded MLSMessage carrying a Welcome.
        public static let malformedWelcome = Code(
            description: "malformed-welcome", condition: .badRequest)
        /// A Welcome names a KeyPackage this service did not serve, and no recipient was given.
        public static let unroutableWelcome = Code(
            description: "unroutable-welcome", condition: .badRequest)
        /// The GroupInfo is not a TLS-encoded MLSMessage carrying a GroupInfo.
        public static let malformedGroupInfo = Code(
            description: "malformed-group-info", condition: .badRequest)
        /// The GroupInfo is not for the group and epoch the commit creates.
        public static let groupInfoMismatch = Code(
            description: "group-info-mismatch", condition: .badRequest)
        /// The room has never been used.
        public static let unknownRoom = Code(description: "unknown-room", condition: .itemNotFound)
        /// A history request names a stanza id this room never accepted.
        public static let unknownStanzaID = Code(
            description: "unknown-stanza-id", condition: .itemNotFound)
        /// The user who would create the room already created as many rooms as the configuration allows.
        public static let tooManyRooms = Code(description: "too-many-rooms", condition: .resourceConstraint)
        /// The database failed.
        public static let storage = Code(description: "storage", condition: .internalServerError)
    }

    public var code: Code
    /// A sentence naming the reason, sent as the stanza error's text.
    public var message: String
    /// For `.staleEpoch`: the room's current epoch, for `<stale-epoch epoch='CURRENT'/>`.
    public var currentEpoch: UInt64?
    /// The underlying error, if any.
    public var cause: (any Error)?
    public var fileID: String
    public var line: Int

    public init(
        _ code: Code, _ message: String, currentEpoch: UInt64? = nil, cause: (any Error)? = nil,
        fileID: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.currentEpoch = currentEpoch
        self.cause = cause
        self.fileID = fileID
        self.line = line
    }

    /// A commit or message for an epoch the room does not accept it in.
    public static func staleEpoch(
        current: UInt64, got: UInt64, fileID: String = #fileID, line: Int = #line
    ) -> Self {
        SequencerError(
            .staleEpoch, "epoch \(got) is not accepted, the room is at epoch \(current)",
            currentEpoch: current,
            fileID: fileID, line: line)
    }

    /// The stanza error condition to report.
    public var condition: StanzaErrorCondition { code.condition }
}

extension SequencerError: CodedError {}
