/// The part of a commit's AuthenticatedContent hashed into the interim transcript hash (RFC 9420 §8.2).
///
/// ```text
/// struct {
///     MAC confirmation_tag;
/// } InterimTranscriptHashInput;
/// ```
public struct InterimTranscriptHashInput: Hashable, Sendable {
    public var confirmationTag: [UInt8]

    public init(confirmationTag: [UInt8]) { self.confirmationTag = confirmationTag }

    /// The input for a commit's AuthenticatedContent.
    ///
    /// - Throws: `CodecError.invalidValue` when the content is not a commit (and so has no confirmation tag).
    public init(_ authenticatedContent: AuthenticatedContent) throws(CodecError) {
        guard let tag = authenticatedContent.auth.confirmationTag else {
            throw .invalidValue(field: "ContentType", value: UInt64(authenticatedContent.content.contentType.rawValue))
        }
        confirmationTag = tag
    }
}

extension InterimTranscriptHashInput: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.writeOpaque(confirmationTag) }
    public init(from reader: inout TLSReader) throws(CodecError) { confirmationTag = try reader.readOpaque() }
}
