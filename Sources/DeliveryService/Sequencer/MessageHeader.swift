import MLS

/// The clear header of a handshake or application message: what the sequencer orders by.
///
/// PublicMessage carries it in its FramedContent, PrivateMessage in its unencrypted prefix (RFC 9420 §6.2,
/// §6.3), so the sequencer needs no keys. Its fields are those a PrivateMessage authenticates as its
/// `SenderDataAAD` (§6.3.2):
///
/// ```text
/// opaque group_id<V>;
/// uint64 epoch;
/// ContentType content_type;
/// ```
public typealias MessageHeader = SenderDataAAD

extension MessageHeader {
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
            self.init(framed)
        case .welcome, .groupInfo, .keyPackage:
            throw SequencerError(
                .unexpectedWireFormat,
                "the payload is a \(message.wireFormat), not a PublicMessage or PrivateMessage")
        }
    }
}
