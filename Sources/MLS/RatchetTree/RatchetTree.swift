/// The public ratchet tree of a group (RFC 9420 §4, §7), in the array representation of
/// Appendix C: leaves at even indices, parents at odd ones, every node possibly blank.
///
/// The tree is always full: its leaf count is a power of two (§7.8). On the wire it travels
/// as `optional<Node> ratchet_tree<V>` with trailing blank nodes omitted (§12.4.3.3).
public struct RatchetTree: Sendable {
    /// All nodes; `nodes.count == 2 * size.leafCount - 1`.
    public private(set) var nodes: [Node?]
    public private(set) var size: TreeSize
    /// Tree hashes of nodes whose subtree has not changed since they were computed, for one
    /// suite (§7.8); a change to a node clears it and its ancestors. Not part of the tree's value.
    var hashCache = TreeHashCache()
    /// The keys and credential types of the nodes, kept in step with them. Not part of the
    /// tree's value (it follows from the nodes).
    private(set) var keyIndex: TreeKeyIndex

    /// A one-member tree.
    public init(firstLeaf: LeafNode) {
        nodes = [.leaf(firstLeaf)]
        size = TreeSize(leafCount: 1)!
        keyIndex = TreeKeyIndex(nodes: nodes)
    }

    /// Builds a tree from its wire form, padding it to a full tree.
    ///
    /// - Throws: `TreeError` when the list is empty or ends in a blank node, when a node's
    ///   type does not match its position, or when the tree would be too large.
    public init(_ wire: RatchetTreeNodes) throws(TreeError) {
        guard let last = wire.nodes.last, last != nil else { throw .emptyOrTrailingBlank }
        guard wire.nodes.count <= Int(UInt32.max / 2) else { throw .tooLarge(nodeCount: wire.nodes.count) }
        let size = TreeSize(fitting: UInt32((wire.nodes.count + 1) / 2))
        var nodes = wire.nodes
        nodes.append(contentsOf: repeatElement(nil, count: Int(size.nodeCount) - nodes.count))
        for (index, node) in nodes.enumerated() {
            let position = NodeIndex(UInt32(index))
            switch node {
            case .leaf where !position.isLeaf, .parent where position.isLeaf:
                throw .nodeTypeMismatch(position)
            default:
                break
            }
        }
        self.nodes = nodes
        self.size = size
        self.keyIndex = TreeKeyIndex(nodes: nodes)
    }

    /// The wire form: the nodes with trailing blanks removed (§12.4.3.3).
    public var wireNodes: RatchetTreeNodes {
        var trimmed = nodes
        while let last = trimmed.last, last == nil { trimmed.removeLast() }
        return RatchetTreeNodes(nodes: trimmed)
    }

    public subscript(node: NodeIndex) -> Node? {
        guard size.contains(node) else { return nil }
        return nodes[Int(node.rawValue)]
    }

    /// The leaf node at a leaf index, or nil when it is blank or outside the tree.
    public func leaf(_ index: LeafIndex) -> LeafNode? {
        guard size.contains(index), case .leaf(let leaf) = nodes[Int(index.nodeIndex.rawValue)] else { return nil }
        return leaf
    }

    /// The parent node at a node index, or nil when it is blank, a leaf, or outside the tree.
    public func parent(_ index: NodeIndex) -> ParentNode? {
        guard size.contains(index), case .parent(let parent) = nodes[Int(index.rawValue)] else { return nil }
        return parent
    }

    /// Whether the node holds a value.
    public func isBlank(_ node: NodeIndex) -> Bool { self[node] == nil }

    /// The public encryption key of a non-blank node.
    public func encryptionKey(_ node: NodeIndex) -> [UInt8]? {
        switch self[node] {
        case .leaf(let leaf): leaf.encryptionKey
        case .parent(let parent): parent.encryptionKey
        case nil: nil
        }
    }

    /// Indices and nodes of all non-blank leaves, in order.
    public var members: [(index: LeafIndex, leaf: LeafNode)] {
        var result: [(index: LeafIndex, leaf: LeafNode)] = []
        for index in stride(from: 0, to: nodes.count, by: 2) {
            if case .leaf(let leaf) = nodes[index] { result.append((LeafIndex(UInt32(index / 2)), leaf)) }
        }
        return result
    }

    mutating func set(_ node: NodeIndex, _ value: Node?) {
        keyIndex.remove(nodes[Int(node.rawValue)])
        keyIndex.add(value)
        nodes[Int(node.rawValue)] = value
        hashCache.invalidate(node, in: size)
    }

    mutating func setLeaf(_ index: LeafIndex, _ leaf: LeafNode?) {
        set(index.nodeIndex, leaf.map { .leaf($0) })
    }

    /// Doubles the tree: the old tree becomes the left subtree of a new blank root (§7.7).
    mutating func extend() {
        let newSize = TreeSize(leafCount: size.leafCount * 2)!
        nodes.append(contentsOf: repeatElement(nil, count: Int(newSize.nodeCount) - nodes.count))
        size = newSize
        hashCache.resize(to: nodes.count)
    }

    /// Halves the tree while no leaf of its right subtree is occupied (§7.7, §12.1.3): the tree
    /// ends with 2^d leaves for the smallest d with 2^d greater than the rightmost member's index.
    mutating func truncate() {
        while size.leafCount > 1 {
            // The root is node leafCount - 1; the right subtree is every node after it.
            let root = Int(size.leafCount) - 1
            guard stride(from: root + 1, to: nodes.count, by: 2).allSatisfy({ nodes[$0] == nil }) else { return }
            nodes.removeLast(nodes.count - root)
            size = TreeSize(leafCount: size.leafCount / 2)!
            hashCache.resize(to: nodes.count)
        }
    }
}

extension RatchetTree: Hashable {
    /// Trees are equal when their nodes are; cached hashes do not count.
    public static func == (lhs: RatchetTree, rhs: RatchetTree) -> Bool {
        lhs.size == rhs.size && lhs.nodes == rhs.nodes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(size)
        hasher.combine(nodes)
    }
}
