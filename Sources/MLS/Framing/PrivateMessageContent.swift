/// The plaintext of a PrivateMessage (RFC 9420 §6.3.1).
///
/// ```text
/// struct {
///     select (PrivateMessage.content_type) {
///         case application: opaque application_data<V>;
///         case proposal:    Proposal proposal;
///         case commit:      Commit commit;
///     };
///     FramedContentAuthData auth;
///     opaque padding[length_of_padding];
/// } PrivateMessageContent;
/// ```
struct PrivateMessageContent: Sendable {
    var body: FramedContent.Body
    var auth: FramedContentAuthData

    init(body: FramedContent.Body, auth: FramedContentAuthData) {
        self.body = body
        self.auth = auth
    }

    /// Encodes the content and auth data, then `paddingLength` zero bytes.
    func encoded(paddingLength: Int) -> [UInt8] {
        var writer = TLSWriter()
        switch body {
        case .application(let data): writer.writeOpaque(data)
        case .proposal(let proposal): writer.write(proposal)
        case .commit(let commit): writer.write(commit)
        }
        writer.write(auth)
        writer.writeRaw(repeatElement(UInt8(0), count: paddingLength))
        return writer.bytes
    }

    /// Decodes a plaintext of the given content type; the remaining bytes are padding and
    /// must all be zero (§6.3.1).
    init(decoding plaintext: [UInt8], contentType: ContentType) throws(FramingError) {
        var reader = TLSReader(plaintext)
        do {
            switch contentType {
            case .application: body = .application(try reader.readOpaque())
            case .proposal: body = .proposal(try reader.read())
            case .commit: body = .commit(try reader.read())
            }
            auth = try FramedContentAuthData(from: &reader, contentType: contentType)
        } catch {
            throw .malformed(error)
        }
        let padding = plaintext[reader.offset...]
        guard padding.allSatisfy({ $0 == 0 }) else { throw .nonZeroPadding }
    }
}
