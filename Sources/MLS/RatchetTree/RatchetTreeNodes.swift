/// The nodes of a ratchet tree in array order, blanks as nil: the body of the `ratchet_tree`
/// extension (RFC 9420 §12.4.3.3).
///
/// This is the wire form only; whether the nodes form a valid tree (leaves at even positions,
/// parents at odd ones, a non-blank last node, valid hashes) is checked when a tree is built from it.
///
/// ```text
/// optional<Node> ratchet_tree<V>;
/// ```
public struct RatchetTreeNodes: Hashable, Sendable {
    public var nodes: [Node?]

    public init(nodes: [Node?]) { self.nodes = nodes }
}

extension RatchetTreeNodes: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeVector(nodes) { writer, node in writer.writeOptional(node) }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        nodes = try reader.readVector { (reader: inout TLSReader) throws(CodecError) -> Node? in
            try reader.readOptional(of: Node.self)
        }
    }
}
