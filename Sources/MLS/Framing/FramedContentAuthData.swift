/// The signature over a framed content and, for a commit, its confirmation tag (RFC 9420 §6.1).
///
/// The encoding does not say whether a confirmation tag follows: that depends on the content
/// type of the enclosing content, so decoding takes it as an argument.
///
/// ```text
/// struct {
///     /* SignWithLabel(., "FramedContentTBS", FramedContentTBS) */
///     opaque signature<V>;
///     select (FramedContent.content_type) {
///         case commit:
///             /* MAC(confirmation_key, GroupContext.confirmed_transcript_hash) */
///             MAC confirmation_tag;
///         case application:
///         case proposal:
///             struct{};
///     };
/// } FramedContentAuthData;
/// ```
public struct FramedContentAuthData: Hashable, Sendable {
    public var signature: [UInt8]
    /// Present exactly when the content is a commit; structures holding both check this.
    public var confirmationTag: [UInt8]?

    public init(signature: [UInt8], confirmationTag: [UInt8]?) {
        self.signature = signature
        self.confirmationTag = confirmationTag
    }

    /// Decodes the auth data of content of the given type: a confirmation tag is read only for a commit.
    public init(from reader: inout TLSReader, contentType: ContentType) throws(CodecError) {
        signature = try reader.readOpaque()
        confirmationTag = contentType == .commit ? try reader.readOpaque() : nil
    }

    /// Whether the confirmation tag's presence matches a content type (present iff commit).
    public func isConsistent(with contentType: ContentType) -> Bool {
        (confirmationTag != nil) == (contentType == .commit)
    }

    /// Throws unless the confirmation tag is present exactly when the content is a commit.
    func checkConsistent(with contentType: ContentType) throws(CodecError) {
        guard isConsistent(with: contentType) else {
            throw .malformed("confirmation_tag must be present exactly when content_type is commit")
        }
    }
}

extension FramedContentAuthData: TLSEncodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(signature)
        if let confirmationTag { writer.writeOpaque(confirmationTag) }
    }
}
