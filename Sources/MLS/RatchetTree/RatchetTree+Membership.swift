extension RatchetTree {
    /// Adds a member (RFC 9420 §12.1.1): into the leftmost blank leaf, extending the tree when
    /// there is none, and records the leaf as unmerged at every non-blank parent above it.
    /// - Returns: the new member's leaf index.
    @discardableResult
    public mutating func add(_ leafNode: LeafNode) -> LeafIndex {
        let index: LeafIndex
        if let blank = stride(from: 0, to: nodes.count, by: 2).first(where: { nodes[$0] == nil }) {
            index = LeafIndex(UInt32(blank / 2))
        } else {
            index = LeafIndex(size.leafCount)
            extend()
        }
        setLeaf(index, leafNode)
        for node in size.directPath(index.nodeIndex) {
            if var parentNode = parent(node) {
                parentNode.unmergedLeaves.append(index)
                set(node, .parent(parentNode))
            }
        }
        return index
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
