/// The validity period of a key package's leaf node, in seconds since the Unix epoch (RFC 9420 §7.2).
///
/// ```text
/// struct {
///     uint64 not_before;
///     uint64 not_after;
/// } Lifetime;
/// ```
public struct Lifetime: Hashable, Sendable {
    public var notBefore: UInt64
    public var notAfter: UInt64

    public init(notBefore: UInt64, notAfter: UInt64) {
        self.notBefore = notBefore
        self.notAfter = notAfter
    }
}

extension Lifetime: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(notBefore)
        writer.write(notAfter)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        notBefore = try reader.readUInt64()
        notAfter = try reader.readUInt64()
    }
}
