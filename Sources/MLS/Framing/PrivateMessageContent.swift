/// The plaintext sealed in a PrivateMessage's `ciphertext` (RFC 9420 §6.3.1).
///
/// The content type is not in the encoding (it is `PrivateMessage.content_type`), so decoding
/// takes it as an argument. Everything after the auth data is padding, which must be all zeros.
///
/// ```text
/// struct {
///     select (PrivateMessage.content_type) {
///         case application: opaque application_data<V>;
///         case proposal:    Proposal proposal;
///         case commit:      Commit commit;
///     };
///
///     FramedContentAuthData auth;
///     opaque padding[length_of_padding];
/// } PrivateMessageContent;
/// ```
public struct PrivateMessageContent: Hashable, Sendable {
    public let body: FramedContent.Body
    public let auth: FramedContentAuthData
    /// The number of zero octets appended.
    public let paddingLength: Int

    /// - Throws: `CodecError.malformed` when the confirmation tag's presence does not match the
    ///   content type, or `paddingLength` is negative.
    public init(body: FramedContent.Body, auth: FramedContentAuthData, paddingLength: Int) throws(CodecError) {
        try auth.checkConsistent(with: body.contentType)
        guard paddingLength >= 0 else { throw .malformed("padding length \(paddingLength) is negative") }
        self.body = body
        self.auth = auth
        self.paddingLength = paddingLength
    }

    /// Decodes a decrypted plaintext, all of whose octets after the auth data are padding.
    ///
    /// - Parameters:
    ///   - plaintext: The AEAD-decrypted `PrivateMessage.ciphertext`.
    ///   - contentType: `PrivateMessage.content_type`.
    /// - Throws: a `CodecError` when the content or auth data does not decode, and
    ///   `CodecError.nonZeroPadding` when a padding octet is not zero (§6.3.1: the message MUST be rejected).
    public init(plaintext: [UInt8], contentType: ContentType) throws(CodecError) {
        var reader = TLSReader(plaintext)
        let body: FramedContent.Body
        switch contentType {
        case .application: body = .application(try reader.readOpaque())
        case .proposal: body = .proposal(try reader.read())
        case .commit: body = .commit(try reader.read())
        }
        let auth = try FramedContentAuthData(from: &reader, contentType: contentType)
        let padding = try reader.readBytes(count: reader.remaining)
        // §6.3.1: a receiver MUST verify that there are no non-zero bytes in the padding.
        guard padding.allSatisfy({ $0 == 0 }) else { throw .nonZeroPadding }
        try self.init(body: body, auth: auth, paddingLength: padding.count)
    }
}

extension PrivateMessageContent: TLSEncodable {
    public func encode(to writer: inout TLSWriter) {
        switch body {
        case .application(let data): writer.writeOpaque(data)
        case .proposal(let proposal): writer.write(proposal)
        case .commit(let commit): writer.write(commit)
        }
        writer.write(auth)
        writer.writeRaw(repeatElement(UInt8(0), count: paddingLength))
    }
}
