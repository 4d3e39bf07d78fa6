/// A non-blank node of the ratchet tree as transmitted (RFC 9420 §12.4.3.3).
///
/// ```text
/// struct {
///     NodeType node_type;
///     select (Node.node_type) {
///         case leaf:   LeafNode leaf_node;
///         case parent: ParentNode parent_node;
///     };
/// } Node;
/// ```
public enum Node: Hashable, Sendable {
    case leaf(LeafNode)
    case parent(ParentNode)

    public var type: NodeType {
        switch self {
        case .leaf: .leaf
        case .parent: .parent
        }
    }
}

extension Node: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(type)
        switch self {
        case .leaf(let leaf): writer.write(leaf)
        case .parent(let parent): writer.write(parent)
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        switch try reader.read(NodeType.self) {
        case .leaf: self = .leaf(try reader.read())
        case .parent: self = .parent(try reader.read())
        }
    }
}
