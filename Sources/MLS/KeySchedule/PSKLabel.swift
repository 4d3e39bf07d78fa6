/// The context bound to one PSK when it is folded into `psk_secret` (RFC 9420 §8.4).
///
/// ```text
/// struct {
///     PreSharedKeyID id;
///     uint16 index;
///     uint16 count;
/// } PSKLabel;
/// ```
public struct PSKLabel: Hashable, Sendable {
    public var id: PreSharedKeyID
    /// The PSK's position in the list of injected PSKs.
    public var index: UInt16
    /// The number of injected PSKs.
    public var count: UInt16

    public init(id: PreSharedKeyID, index: UInt16, count: UInt16) {
        self.id = id
        self.index = index
        self.count = count
    }
}

extension PSKLabel: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(id)
        writer.write(index)
        writer.write(count)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        id = try reader.read()
        index = try reader.readUInt16()
        count = try reader.readUInt16()
    }
}
