/// The part of a commit's AuthenticatedContent hashed into the confirmed transcript hash (RFC 9420 §8.2).
///
/// ```text
/// struct {
///     WireFormat wire_format;
///     FramedContent content; /* with content_type == commit */
///     opaque signature<V>;
/// } ConfirmedTranscriptHashInput;
/// ```
public struct ConfirmedTranscriptHashInput: Hashable, Sendable {
    public let wireFormat: WireFormat
    /// Always a commit.
    public let content: FramedContent
    public let signature: [UInt8]

    /// - Throws: `CodecError.invalidValue` when the content is not a commit.
    public init(wireFormat: WireFormat, content: FramedContent, signature: [UInt8]) throws(CodecError) {
        guard content.contentType == .commit else {
            throw .invalidValue(field: "ContentType", value: UInt64(content.contentType.rawValue))
        }
        self.wireFormat = wireFormat
        self.content = content
        self.signature = signature
    }

    /// The input for a commit's AuthenticatedContent.
    ///
    /// - Throws: `CodecError.invalidValue` when the content is not a commit.
    public init(_ authenticatedContent: AuthenticatedContent) throws(CodecError) {
        try self.init(
            wireFormat: authenticatedContent.wireFormat,
            content: authenticatedContent.content,
            signature: authenticatedContent.auth.signature)
    }
}

extension ConfirmedTranscriptHashInput: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(wireFormat)
        writer.write(content)
        writer.writeOpaque(signature)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let wireFormat = try reader.read(WireFormat.self)
        let content = try reader.read(FramedContent.self)
        try self.init(wireFormat: wireFormat, content: content, signature: try reader.readOpaque())
    }
}
