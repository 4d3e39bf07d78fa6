import MLS

/// The clear header of a handshake or application message: what the sequencer orders by.
///
/// PublicMessage carries it in its FramedContent, PrivateMessage in its unencrypted prefix (RFC 9420 §6.2,
/// §6.3), so the sequencer needs no keys.
///
/// ```text
/// opaque group_id<V>;
/// uint64 epoch;
/// ContentType content_type;
/// ```
public struct MessageHeader: Hashable, Sendable {
    public var groupID: [UInt8]
    public var epoch: UInt64
    public var contentType: ContentType

    public init(groupID: [UInt8], epoch: UInt64, contentType: ContentType) {
        self.groupID = groupID
        self.epoch = epoch
        self.contentType = contentType
    }

    /// Reads the header of a decoded MLSMessage.
    ///
    /// - Parameter message: The MLSMessage.
    /// - Throws: `SequencerError.unexpectedWireFormat` for anything but a PublicMessage or PrivateMessage.
    public init(_ message: MLSMessage) throws(SequencerError) {
        switch message.body {
        case .publicMessage(let framed):
            self.init(
                groupID: framed.content.groupID, epoch: framed.content.epoch,
                contentType: framed.content.contentType)
        case .privateMessage(let framed):
            self.init(groupID: framed.groupID, epoch: framed.epoch, contentType: framed.contentType)
        case .welcome, .groupInfo, .keyPackage:
            throw SequencerError(
                .unexpectedWireFormat,
                "the payload is a \(message.wireFormat), not a PublicMessage or PrivateMessage")
        }
    }
}
