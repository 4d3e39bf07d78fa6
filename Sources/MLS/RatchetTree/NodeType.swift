/// The kind of a ratchet-tree node (RFC 9420 §7.8).
///
/// ```text
/// enum {
///     reserved(0),
///     leaf(1),
///     parent(2),
///     (255)
/// } NodeType;
/// ```
public enum NodeType: UInt8, Hashable, Sendable {
    case leaf = 1
    case parent = 2
}

extension NodeType: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(rawValue) }
    public init(from reader: inout TLSReader) throws(CodecError) { self = try reader.readEnum(field: "NodeType") }
}
