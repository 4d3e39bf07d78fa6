extension RatchetTree {
    /// Adds a member (RFC 9420 §12.1.1): into the leftmost blank leaf, extending the tree when
    /// there is none, and records the leaf as unmerged at every non-blank parent above it.
    /// - Returns: the new member's leaf index.
    @discardableResult
    public mutating func add(_ leafNode: LeafNode) -> LeafIndex {
        add([leafNode])[0]
    }

    /// Adds members in order, each into the leftmost blank leaf at its turn (§12.1.1), with one
    /// scan of the tree instead of one per member.
    /// - Returns: the new members' leaf indices, in order.
    public mutating func add(_ leafNodes: [LeafNode]) -> [LeafIndex] {
        var blanks: [LeafIndex] = []
        var index = 0
        while index < nodes.count, blanks.count < leafNodes.count {
            if case .none = nodes[index] { blanks.append(LeafIndex(UInt32(index / 2))) }
            index += 2
        }
        var result: [LeafIndex] = []
        result.reserveCapacity(leafNodes.count)
        // Once the blanks are used up, every leaf of the tree is occupied: new ones go past its end.
        var next = size.leafCount
        for (position, leafNode) in leafNodes.enumerated() {
            let leaf: LeafIndex
            if position < blanks.count {
                leaf = blanks[position]
            } else {
                while next >= size.leafCount { extend() }
                leaf = LeafIndex(next)
                next += 1
            }
            place(leafNode, at: leaf)
            result.append(leaf)
        }
        return result
    }

    /// Sets a new member's leaf and records it as unmerged at the non-blank parents above it.
    private mutating func place(_ leafNode: LeafNode, at index: LeafIndex) {
        setLeaf(index, leafNode)
        for node in size.directPath(index.nodeIndex) {
            if var parentNode = parent(node) {
                parentNode.unmergedLeaves.append(index)
                set(node, .parent(parentNode))
            }
        }
    }

    /// Replaces a member's leaf and blanks its direct path (§12.1.2, Update).
    /// - Throws: `TreeError.noSuchLeaf` when the leaf is blank or outside the tree.
    public mutating func update(_ index: LeafIndex, with leafNode: LeafNode) throws(TreeError) {
        guard leaf(index) != nil else { throw .noSuchLeaf(index) }
        setLeaf(index, leafNode)
        blankDirectPath(of: index)
    }

    /// Removes a member (§12.1.3): blanks its leaf and direct path, then truncates the tree.
    /// - Throws: `TreeError.noSuchLeaf` when the leaf is blank or outside the tree.
    public mutating func remove(_ index: LeafIndex) throws(TreeError) {
        guard leaf(index) != nil else { throw .noSuchLeaf(index) }
        setLeaf(index, nil)
        blankDirectPath(of: index)
        truncate()
    }

    /// Blanks every parent node above a leaf.
    mutating func blankDirectPath(of index: LeafIndex) {
        for node in size.directPath(index.nodeIndex) { set(node, nil) }
    }
}
