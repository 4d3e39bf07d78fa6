/// The content a framed message's signature covers (RFC 9420 §6.1).
///
/// The GroupContext of the current epoch is included exactly when the sender is a member or
/// a new member committing; it is carried here already serialized.
///
/// ```text
/// struct {
///     ProtocolVersion version = mls10;
///     WireFormat wire_format;
///     FramedContent content;
///     select (FramedContentTBS.content.sender.sender_type) {
///         case member:
///         case new_member_commit:
///             GroupContext context;
///         case external:
///         case new_member_proposal:
///             struct{};
///     };
/// } FramedContentTBS;
/// ```
public struct FramedContentTBS: Hashable, Sendable {
    public let wireFormat: WireFormat
    public let content: FramedContent
    /// The serialized GroupContext, present exactly for `member` and `new_member_commit` senders.
    public let serializedGroupContext: [UInt8]?

    /// - Parameter serializedGroupContext: The encoded GroupContext of the current epoch; required for
    ///   `member` and `new_member_commit` senders, and must be nil for the others.
    /// - Throws: `CodecError.malformed` when the context's presence does not match the sender type.
    public init(wireFormat: WireFormat, content: FramedContent, serializedGroupContext: [UInt8]?) throws(CodecError) {
        guard (serializedGroupContext != nil) == Self.includesGroupContext(content.sender) else {
            throw .malformed("FramedContentTBS carries a GroupContext exactly for member and new_member_commit senders")
        }
        self.wireFormat = wireFormat
        self.content = content
        self.serializedGroupContext = serializedGroupContext
    }

    /// Whether the TBS of content from this sender covers the GroupContext.
    public static func includesGroupContext(_ sender: Sender) -> Bool {
        switch sender {
        case .member, .newMemberCommit: true
        case .external, .newMemberProposal: false
        }
    }
}

extension FramedContentTBS: TLSEncodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(ProtocolVersion.mls10)
        writer.write(wireFormat)
        writer.write(content)
        if let serializedGroupContext { writer.writeRaw(serializedGroupContext) }
    }
}
