/// A party allowed to send external proposals; the `external_senders` extension body is a
/// vector of these (RFC 9420 §12.1.8.1).
///
/// ```text
/// struct {
///   SignaturePublicKey signature_key;
///   Credential credential;
/// } ExternalSender;
///
/// ExternalSender external_senders<V>;
/// ```
public struct ExternalSender: Hashable, Sendable {
    public var signatureKey: [UInt8]
    public var credential: Credential

    public init(signatureKey: [UInt8], credential: Credential) {
        self.signatureKey = signatureKey
        self.credential = credential
    }
}

extension ExternalSender: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(signatureKey)
        writer.write(credential)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        signatureKey = try reader.readOpaque()
        credential = try reader.read()
    }
}

extension ExternalSender {
    /// The senders listed by the `external_senders` extension of a GroupContext (§12.1.8.1); empty
    /// when the extension is absent.
    ///
    /// ```text
    /// ExternalSender external_senders<V>;
    /// ```
    public static func list(in extensions: [Extension]) throws(CodecError) -> [ExternalSender] {
        guard let found = extensions.first(where: { $0.type == .externalSenders }) else { return [] }
        var reader = TLSReader(found.data)
        let senders = try reader.readVector(of: ExternalSender.self)
        try reader.finish()
        return senders
    }
}
