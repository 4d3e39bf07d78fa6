/// The input of a PublicMessage's membership tag (RFC 9420 §6.2).
///
/// ```text
/// struct {
///   FramedContentTBS content_tbs;
///   FramedContentAuthData auth;
/// } AuthenticatedContentTBM;
///
/// membership_tag = MAC(membership_key, AuthenticatedContentTBM)
/// ```
public struct AuthenticatedContentTBM: Hashable, Sendable {
    public let contentTBS: FramedContentTBS
    public let auth: FramedContentAuthData

    /// - Throws: `CodecError.malformed` when the confirmation tag's presence does not match the content type.
    public init(contentTBS: FramedContentTBS, auth: FramedContentAuthData) throws(CodecError) {
        try auth.checkConsistent(with: contentTBS.content.contentType)
        self.contentTBS = contentTBS
        self.auth = auth
    }
}

extension AuthenticatedContentTBM: TLSEncodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(contentTBS)
        writer.write(auth)
    }
}
