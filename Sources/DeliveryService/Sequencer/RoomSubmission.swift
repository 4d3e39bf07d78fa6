import MLS

/// One message for a room, decoded once: the MLSMessage and its clear header, and the Welcome and GroupInfo
/// that came with a commit. Every later stage (the room's checks, the sequencer) reads this value, never the
/// bytes again.
///
/// Existing, it has passed every check that needs no stored state: sizes, wire formats, a Welcome or GroupInfo
/// only with a commit, and a GroupInfo of the epoch the commit creates.
public struct RoomSubmission: Sendable {
    /// A Welcome or GroupInfo as the sender encoded it, and decoded.
    public struct Attachment<Body: Sendable>: Sendable {
        /// The MLSMessage bytes as received: what is stored and delivered.
        public let bytes: [UInt8]
        public let body: Body
    }

    /// The MLSMessage bytes as received: what is stored and reflected.
    public let payload: [UInt8]
    /// The decoded MLSMessage: a PublicMessage or a PrivateMessage.
    public let message: MLSMessage
    /// The clear header the sequencer orders by.
    public let header: MessageHeader
    /// For a commit that adds members: its Welcome.
    public private(set) var welcome: Attachment<Welcome>?
    /// For a commit: the GroupInfo of the epoch it creates.
    public private(set) var groupInfo: Attachment<GroupInfo>?

    /// Decodes and checks a room message: ``init(payload:maximumBytes:)`` then
    /// ``attach(welcome:groupInfo:maximumBytes:)``.
    ///
    /// - Parameters:
    ///   - payload: The TLS encoding of an MLSMessage.
    ///   - welcome: The Welcome's MLSMessage bytes, if one came with the message.
    ///   - groupInfo: The GroupInfo's MLSMessage bytes, if one came with the message.
    ///   - maximumBytes: The largest payload, Welcome or GroupInfo accepted.
    /// - Throws: `SequencerError` `.tooLarge`, `.malformed`, `.unexpectedWireFormat`, `.attachmentWithoutCommit`,
    ///   `.malformedWelcome`, `.malformedGroupInfo` or `.groupInfoMismatch`.
    public init(
        payload: [UInt8], welcome: [UInt8]? = nil, groupInfo: [UInt8]? = nil, maximumBytes: Int
    ) throws(SequencerError) {
        try self.init(payload: payload, maximumBytes: maximumBytes)
        try attach(welcome: welcome, groupInfo: groupInfo, maximumBytes: maximumBytes)
    }

    /// Decodes and checks the MLSMessage of a room message, without attachments.
    ///
    /// - Throws: `SequencerError` `.tooLarge`, `.malformed` or `.unexpectedWireFormat`.
    public init(payload: [UInt8], maximumBytes: Int) throws(SequencerError) {
        try Self.checkSize(payload, what: "the payload", maximumBytes: maximumBytes)
        do {
            message = try MLSMessage(tlsEncoded: payload)
        } catch {
            throw SequencerError(.malformed, "the payload is not a valid MLSMessage: \(error)", cause: error)
        }
        header = try MessageHeader(message)
        self.payload = payload
        welcome = nil
        groupInfo = nil
    }

    /// Decodes and checks the Welcome and GroupInfo that came with the message; on a refusal nothing changes.
    ///
    /// - Throws: `SequencerError` `.attachmentWithoutCommit`, `.tooLarge`, `.malformedWelcome`,
    ///   `.malformedGroupInfo` or `.groupInfoMismatch`.
    public mutating func attach(welcome: [UInt8]?, groupInfo: [UInt8]?, maximumBytes: Int) throws(SequencerError) {
        if header.contentType != .commit, welcome != nil || groupInfo != nil {
            throw SequencerError(.attachmentWithoutCommit, "a Welcome or GroupInfo may only accompany a commit")
        }
        let decodedWelcome = try welcome.map { bytes throws(SequencerError) in
            try Self.checkSize(bytes, what: "the Welcome", maximumBytes: maximumBytes)
            return Attachment(bytes: bytes, body: try Self.decodeWelcome(bytes))
        }
        let decodedGroupInfo = try groupInfo.map { [header] bytes throws(SequencerError) in
            try Self.checkSize(bytes, what: "the GroupInfo", maximumBytes: maximumBytes)
            return Attachment(bytes: bytes, body: try Self.decodeGroupInfo(bytes, header: header))
        }
        self.welcome = decodedWelcome
        self.groupInfo = decodedGroupInfo
    }

    /// A message MLSGate made itself, such as its own external proposals: nothing to decode.
    ///
    /// - Throws: `SequencerError.unexpectedWireFormat` for anything but a PublicMessage or PrivateMessage.
    public init(message: MLSMessage) throws(SequencerError) {
        self.message = message
        self.header = try MessageHeader(message)
        self.payload = message.tlsEncoded
        self.welcome = nil
        self.groupInfo = nil
    }

    private static func checkSize(_ bytes: [UInt8], what: String, maximumBytes: Int) throws(SequencerError) {
        guard bytes.count <= maximumBytes else {
            throw SequencerError(.tooLarge, "\(what) is \(bytes.count) bytes, at most \(maximumBytes)")
        }
    }

    /// Decodes an attachment's MLSMessage, refused with `code` when it is not one or carries something else.
    private static func decode<Body>(
        _ bytes: [UInt8], as name: String, code: SequencerError.Code, body: (MLSMessage.Body) -> Body?
    ) throws(SequencerError) -> Body {
        let message: MLSMessage
        do {
            message = try MLSMessage(tlsEncoded: bytes)
        } catch {
            throw SequencerError(code, "the \(name) is not a valid MLSMessage: \(error)", cause: error)
        }
        guard let decoded = body(message.body) else {
            throw SequencerError(code, "the \(name) is a \(message.wireFormat), not a \(name)")
        }
        return decoded
    }

    private static func decodeWelcome(_ bytes: [UInt8]) throws(SequencerError) -> Welcome {
        try decode(bytes, as: "Welcome", code: .malformedWelcome) {
            if case .welcome(let welcome) = $0 { welcome } else { nil }
        }
    }

    private static func decodeGroupInfo(_ bytes: [UInt8], header: MessageHeader) throws(SequencerError) -> GroupInfo {
        let info = try decode(bytes, as: "GroupInfo", code: .malformedGroupInfo) {
            if case .groupInfo(let info) = $0 { info } else { nil }
        }
        guard info.groupContext.groupID == header.groupID, header.epoch < UInt64.max,
            info.groupContext.epoch == header.epoch + 1
        else {
            throw SequencerError(
                .groupInfoMismatch,
                "the GroupInfo is for epoch \(info.groupContext.epoch) of its group, not the epoch the commit creates")
        }
        return info
    }
}
