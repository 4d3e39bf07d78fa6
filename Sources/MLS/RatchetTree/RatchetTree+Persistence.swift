/// The persisted form of a ratchet tree, part of a saved group state: the full array of
/// Appendix C, trailing blanks included, with its leaf count. This is not the wire form, which
/// omits trailing blanks (§12.4.3.3, `wireNodes`).
///
/// ```text
/// struct {
///     uint32 leaf_count;              // a power of two
///     optional<Node> nodes<V>;        // exactly 2 * leaf_count - 1 entries
/// } RatchetTree;
/// ```
///
/// Decoding checks the shape: the node count, leaves at even positions and parents at odd
/// ones, and at least one non-blank node.
extension RatchetTree: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(size.leafCount)
        writer.writeVector(nodes) { writer, node in writer.writeOptional(node) }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let leafCount = try reader.readUInt32()
        guard let size = TreeSize(leafCount: leafCount) else {
            throw .invalidValue(field: "ratchet tree leaf_count", value: UInt64(leafCount))
        }
        let nodes = try RatchetTreeNodes(from: &reader).nodes
        guard nodes.count == Int(size.nodeCount) else {
            throw .malformed("ratchet tree of \(leafCount) leaves has \(nodes.count) nodes")
        }
        var trimmed = nodes
        while let last = trimmed.last, last == nil { trimmed.removeLast() }
        var tree: RatchetTree
        do {
            tree = try RatchetTree(RatchetTreeNodes(nodes: trimmed))
        } catch {
            throw .malformed("invalid ratchet tree: \(error)")
        }
        while tree.size.leafCount < size.leafCount { tree.extend() }
        guard tree.size == size, tree.nodes == nodes else { throw .malformed("ratchet tree does not match its size") }
        self = tree
    }
}
