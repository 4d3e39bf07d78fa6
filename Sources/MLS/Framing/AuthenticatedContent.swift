/// Framed content with its wire format and authentication data (RFC 9420 §6).
///
/// Its encoding is hashed into the transcript (§8.2) and into a `ProposalRef` (§5.2).
/// A value always has a confirmation tag exactly when its content is a commit, and a wire
/// format of `mls_public_message` or `mls_private_message`.
///
/// ```text
/// struct {
///     WireFormat wire_format;
///     FramedContent content;
///     FramedContentAuthData auth;
/// } AuthenticatedContent;
/// ```
public struct AuthenticatedContent: Hashable, Sendable {
    public let wireFormat: WireFormat
    public let content: FramedContent
    public let auth: FramedContentAuthData

    /// - Throws: `CodecError.invalidValue` for a wire format other than public or private message;
    ///   `CodecError.malformed` when the confirmation tag's presence does not match the content type.
    public init(wireFormat: WireFormat, content: FramedContent, auth: FramedContentAuthData) throws(CodecError) {
        guard wireFormat == .publicMessage || wireFormat == .privateMessage else {
            throw .invalidValue(field: "WireFormat", value: UInt64(wireFormat.rawValue))
        }
        try auth.checkConsistent(with: content.contentType)
        self.wireFormat = wireFormat
        self.content = content
        self.auth = auth
    }

    /// For callers that have already checked both invariants.
    init(checkedWireFormat wireFormat: WireFormat, content: FramedContent, auth: FramedContentAuthData) {
        self.wireFormat = wireFormat
        self.content = content
        self.auth = auth
    }
}

extension AuthenticatedContent: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(wireFormat)
        writer.write(content)
        writer.write(auth)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let wireFormat = try reader.read(WireFormat.self)
        let content = try reader.read(FramedContent.self)
        let auth = try FramedContentAuthData(from: &reader, contentType: content.contentType)
        try self.init(wireFormat: wireFormat, content: content, auth: auth)
    }
}
