/// The committer's new leaf and the new keys along its filtered direct path (RFC 9420 §7.6).
///
/// ```text
/// struct {
///     LeafNode leaf_node;
///     UpdatePathNode nodes<V>;
/// } UpdatePath;
/// ```
public struct UpdatePath: Hashable, Sendable {
    public var leafNode: LeafNode
    public var nodes: [UpdatePathNode]

    public init(leafNode: LeafNode, nodes: [UpdatePathNode]) {
        self.leafNode = leafNode
        self.nodes = nodes
    }
}

extension UpdatePath: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(leafNode)
        writer.writeVector(nodes)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        leafNode = try reader.read()
        nodes = try reader.readVector()
    }
}
