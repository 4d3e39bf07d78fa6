/// The additional authenticated data of sender-data encryption: the first three fields of
/// the PrivateMessage (RFC 9420 §6.3.2).
///
/// ```text
/// struct {
///     opaque group_id<V>;
///     uint64 epoch;
///     ContentType content_type;
/// } SenderDataAAD;
/// ```
public struct SenderDataAAD: Hashable, Sendable {
    public var groupID: [UInt8]
    public var epoch: UInt64
    public var contentType: ContentType

    public init(groupID: [UInt8], epoch: UInt64, contentType: ContentType) {
        self.groupID = groupID
        self.epoch = epoch
        self.contentType = contentType
    }

    /// The AAD for a PrivateMessage's sender data.
    public init(_ message: PrivateMessage) {
        self.init(groupID: message.groupID, epoch: message.epoch, contentType: message.contentType)
    }
}

extension SenderDataAAD: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(groupID)
        writer.write(epoch)
        writer.write(contentType)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        groupID = try reader.readOpaque()
        epoch = try reader.readUInt64()
        contentType = try reader.read()
    }
}
