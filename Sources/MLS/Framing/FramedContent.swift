/// Content with its group, epoch and sender, before authentication (RFC 9420 §6).
///
/// ```text
/// struct {
///     opaque group_id<V>;
///     uint64 epoch;
///     Sender sender;
///     opaque authenticated_data<V>;
///
///     ContentType content_type;
///     select (FramedContent.content_type) {
///         case application:
///           opaque application_data<V>;
///         case proposal:
///           Proposal proposal;
///         case commit:
///           Commit commit;
///     };
/// } FramedContent;
/// ```
public struct FramedContent: Hashable, Sendable {
    /// The content proper, its case giving the `content_type`.
    public enum Body: Hashable, Sendable {
        case application([UInt8])
        case proposal(Proposal)
        case commit(Commit)

        public var contentType: ContentType {
            switch self {
            case .application: .application
            case .proposal: .proposal
            case .commit: .commit
            }
        }
    }

    public var groupID: [UInt8]
    public var epoch: UInt64
    public var sender: Sender
    public var authenticatedData: [UInt8]
    public var body: Body

    public init(groupID: [UInt8], epoch: UInt64, sender: Sender, authenticatedData: [UInt8], body: Body) {
        self.groupID = groupID
        self.epoch = epoch
        self.sender = sender
        self.authenticatedData = authenticatedData
        self.body = body
    }

    public var contentType: ContentType { body.contentType }
}

extension FramedContent: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(groupID)
        writer.write(epoch)
        writer.write(sender)
        writer.writeOpaque(authenticatedData)
        writer.write(body.contentType)
        switch body {
        case .application(let data): writer.writeOpaque(data)
        case .proposal(let proposal): writer.write(proposal)
        case .commit(let commit): writer.write(commit)
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        groupID = try reader.readOpaque()
        epoch = try reader.readUInt64()
        sender = try reader.read()
        authenticatedData = try reader.readOpaque()
        switch try reader.read(ContentType.self) {
        case .application: body = .application(try reader.readOpaque())
        case .proposal: body = .proposal(try reader.read())
        case .commit: body = .commit(try reader.read())
        }
    }
}
