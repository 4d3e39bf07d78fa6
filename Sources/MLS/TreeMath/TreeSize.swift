/// The shape of a ratchet tree with a given number of leaves, and the index
/// arithmetic on its array representation (RFC 9420 Appendix C).
///
/// §7.8: the leaf count of a ratchet tree is always a power of two, so the tree is full.
public struct TreeSize: Hashable, Sendable {
    /// Number of leaves: a power of two, at least 1.
    public let leafCount: UInt32

    /// - Returns: nil unless `leafCount` is a positive power of two below 2^31.
    public init?(leafCount: UInt32) {
        guard leafCount > 0, leafCount.nonzeroBitCount == 1, leafCount <= (1 << 30) else { return nil }
        self.leafCount = leafCount
    }

    /// The smallest full tree that holds `count` leaves.
    public init(fitting count: UInt32) {
        var width: UInt32 = 1
        while width < count { width <<= 1 }
        self.leafCount = width
    }

    /// Number of nodes in the array: 2n - 1.
    public var nodeCount: UInt32 { 2 * leafCount - 1 }

    /// The root: `(1 << log2(nodeCount)) - 1`, which for a full tree is `leafCount - 1`.
    public var root: NodeIndex { NodeIndex(leafCount - 1) }

    public func contains(_ node: NodeIndex) -> Bool { node.rawValue < nodeCount }
    public func contains(_ leaf: LeafIndex) -> Bool { leaf.rawValue < leafCount }

    /// Left child of a parent node; nil for a leaf.
    public func left(_ node: NodeIndex) -> NodeIndex? {
        let k = node.level
        guard k > 0 else { return nil }
        return NodeIndex(node.rawValue ^ (1 << (k - 1)))
    }

    /// Right child of a parent node; nil for a leaf.
    public func right(_ node: NodeIndex) -> NodeIndex? {
        let k = node.level
        guard k > 0 else { return nil }
        return NodeIndex(node.rawValue ^ (3 << (k - 1)))
    }

    /// Parent of a node; nil for the root.
    public func parent(_ node: NodeIndex) -> NodeIndex? {
        guard node != root, contains(node) else { return nil }
        let x = node.rawValue
        let k = node.level
        let b = (x >> (k + 1)) & 1
        return NodeIndex((x | (1 << k)) ^ (b << (k + 1)))
    }

    /// The other child of this node's parent; nil for the root.
    public func sibling(_ node: NodeIndex) -> NodeIndex? {
        guard let p = parent(node), let l = left(p), let r = right(p) else { return nil }
        return node == l ? r : l
    }

    /// Nodes from the node's parent up to the root (§4.1 direct path).
    public func directPath(_ node: NodeIndex) -> [NodeIndex] {
        var path: [NodeIndex] = []
        var current = node
        while let p = parent(current) {
            path.append(p)
            current = p
        }
        return path
    }

    /// The sibling of each node from `node` up to, but excluding, the root (§4.1 copath).
    public func copath(_ node: NodeIndex) -> [NodeIndex] {
        var path: [NodeIndex] = []
        var current = node
        while let p = parent(current), let s = sibling(current) {
            path.append(s)
            current = p
        }
        return path
    }

    /// Whether `ancestor` lies on the path from `node` to the root, the node itself included.
    public func isAncestor(_ ancestor: NodeIndex, of node: NodeIndex) -> Bool {
        let k = ancestor.level
        return node.level <= k && (node.rawValue >> (k + 1)) == (ancestor.rawValue >> (k + 1))
    }

    /// The lowest common ancestor of two nodes.
    public func commonAncestor(_ a: NodeIndex, _ b: NodeIndex) -> NodeIndex {
        // Walk up from the lower node until both are at the same subtree.
        var x = a
        while !isAncestor(x, of: b), let p = parent(x) { x = p }
        return x
    }
}
