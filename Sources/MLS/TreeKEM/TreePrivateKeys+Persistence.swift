/// The persisted form of a member's HPKE private keys for tree nodes (RFC 9420 §4.2), part of a
/// saved group state.
///
/// ```text
/// struct {
///     uint32 node;
///     opaque private_key<V>;
/// } NodePrivateKey;
///
/// struct {
///     uint32 leaf_index;
///     NodePrivateKey keys<V>;   // strictly ascending node
/// } TreePrivateKeys;
/// ```
extension TreePrivateKeys: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(leafIndex)
        writer.writeVector(keys.sorted { $0.key < $1.key }) { writer, entry in
            writer.write(entry.key)
            writer.writeOpaque(entry.value)
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let leafIndex = try reader.read(LeafIndex.self)
        guard leafIndex.rawValue < UInt32.max / 2 else {
            throw .invalidValue(field: "leaf_index", value: UInt64(leafIndex.rawValue))
        }
        let entries = try reader.readAscendingVector(field: "tree private keys", precedes: { $0.0 < $1.0 }) {
            (reader: inout TLSReader) throws(CodecError) -> (UInt32, [UInt8]) in
            (try reader.readUInt32(), try reader.readOpaque())
        }
        self.init(leafIndex: leafIndex, leafPrivateKey: [])
        set(leafIndex.nodeIndex, nil)
        for (node, privateKey) in entries { set(NodeIndex(node), privateKey) }
    }
}
