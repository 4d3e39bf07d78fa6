/// Index of a node in the array representation of a left-balanced binary tree
/// (RFC 9420 Appendix C): leaves at even indices, parents at odd ones.
public struct NodeIndex: RawRepresentable, Hashable, Sendable, Comparable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { self.rawValue = value }

    public var isLeaf: Bool { rawValue & 1 == 0 }

    /// The leaf index of a leaf node, or nil for a parent node.
    public var leafIndex: LeafIndex? { isLeaf ? LeafIndex(rawValue / 2) : nil }

    /// The level of the node: 0 for leaves, k for a parent whose index ends in k ones then a zero.
    public var level: UInt32 {
        UInt32((~rawValue).trailingZeroBitCount)
    }

    public static func < (lhs: NodeIndex, rhs: NodeIndex) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Index of a leaf among the leaves of a ratchet tree (RFC 9420 §4.1).
///
/// ```text
/// uint32 leaf_index;
/// ```
public struct LeafIndex: RawRepresentable, Hashable, Sendable, Comparable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { self.rawValue = value }

    /// The node that holds this leaf.
    public var nodeIndex: NodeIndex { NodeIndex(rawValue * 2) }

    public static func < (lhs: LeafIndex, rhs: LeafIndex) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension LeafIndex: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(rawValue) }
    public init(from reader: inout TLSReader) throws(CodecError) { rawValue = try reader.readUInt32() }
}

extension NodeIndex: CustomStringConvertible {
    public var description: String { "node \(rawValue)" }
}

extension LeafIndex: CustomStringConvertible {
    public var description: String { "leaf \(rawValue)" }
}
