/// A signed, unencrypted message (RFC 9420 §6.2).
///
/// A value always has a confirmation tag exactly when its content is a commit, and a
/// membership tag exactly when its sender is a member.
///
/// ```text
/// struct {
///     FramedContent content;
///     FramedContentAuthData auth;
///     select (PublicMessage.content.sender.sender_type) {
///         case member:
///             MAC membership_tag;
///         case external:
///         case new_member_commit:
///         case new_member_proposal:
///             struct{};
///     };
/// } PublicMessage;
/// ```
public struct PublicMessage: Hashable, Sendable {
    public let content: FramedContent
    public let auth: FramedContentAuthData
    /// `MAC(membership_key, AuthenticatedContentTBM)`, present exactly for member senders.
    public let membershipTag: [UInt8]?

    /// - Throws: `CodecError.malformed` when the confirmation tag's presence does not match the
    ///   content type, or the membership tag's presence does not match the sender type.
    public init(content: FramedContent, auth: FramedContentAuthData, membershipTag: [UInt8]?) throws(CodecError) {
        try auth.checkConsistent(with: content.contentType)
        let isMember = if case .member = content.sender { true } else { false }
        guard (membershipTag != nil) == isMember else {
            throw .malformed("membership_tag must be present exactly when the sender is a member")
        }
        self.content = content
        self.auth = auth
        self.membershipTag = membershipTag
    }

    /// The message as the AuthenticatedContent it carries, with wire format `mls_public_message`.
    public var authenticatedContent: AuthenticatedContent {
        // The confirmation tag invariant was checked when self was made.
        AuthenticatedContent(checkedWireFormat: .publicMessage, content: content, auth: auth)
    }
}

extension PublicMessage: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(content)
        writer.write(auth)
        if let membershipTag { writer.writeOpaque(membershipTag) }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let content = try reader.read(FramedContent.self)
        let auth = try FramedContentAuthData(from: &reader, contentType: content.contentType)
        let membershipTag: [UInt8]? = if case .member = content.sender { try reader.readOpaque() } else { nil }
        try self.init(content: content, auth: auth, membershipTag: membershipTag)
    }
}
