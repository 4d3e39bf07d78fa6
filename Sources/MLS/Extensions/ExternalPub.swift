/// The body of the `external_pub` GroupInfo extension: the key external joiners encapsulate
/// to (RFC 9420 §12.4.3.2).
///
/// ```text
/// struct {
///     HPKEPublicKey external_pub;
/// } ExternalPub;
/// ```
public struct ExternalPub: Hashable, Sendable {
    public var publicKey: [UInt8]

    public init(publicKey: [UInt8]) { self.publicKey = publicKey }
}

extension ExternalPub: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.writeOpaque(publicKey) }
    public init(from reader: inout TLSReader) throws(CodecError) { publicKey = try reader.readOpaque() }
}
