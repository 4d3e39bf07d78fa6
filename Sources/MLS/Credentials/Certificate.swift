/// One DER-encoded X.509 certificate of an X.509 credential (RFC 9420 §5.3).
///
/// ```text
/// struct {
///     opaque cert_data<V>;
/// } Certificate;
/// ```
public struct Certificate: Hashable, Sendable {
    /// The DER encoding of the certificate.
    public var data: [UInt8]

    public init(data: [UInt8]) { self.data = data }
}

extension Certificate: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.writeOpaque(data) }
    public init(from reader: inout TLSReader) throws(CodecError) { data = try reader.readOpaque() }
}
