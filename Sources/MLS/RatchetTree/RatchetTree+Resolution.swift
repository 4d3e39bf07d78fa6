extension RatchetTree {
    /// The resolution of a node (RFC 9420 §4.1.1): a non-blank node followed by its unmerged
    /// leaves; nothing for a blank leaf; for a blank parent, its children's resolutions.
    public func resolution(of node: NodeIndex) -> [NodeIndex] {
        var result: [NodeIndex] = []
        appendResolution(of: node, to: &result)
        return result
    }

    private func appendResolution(of node: NodeIndex, to result: inout [NodeIndex]) {
        switch self[node] {
        case .leaf:
            result.append(node)
        case .parent(let parent):
            result.append(node)
            result.append(contentsOf: parent.unmergedLeaves.map(\.nodeIndex))
        case nil:
            guard let left = size.left(node), let right = size.right(node) else { return }
            appendResolution(of: left, to: &result)
            appendResolution(of: right, to: &result)
        }
    }

    /// The filtered direct path of a leaf (§4.1.2) paired with the copath child of each node:
    /// the direct path without the nodes whose copath child has an empty resolution.
    public func filteredDirectPath(of leaf: LeafIndex) -> [(node: NodeIndex, copathChild: NodeIndex)] {
        var result: [(node: NodeIndex, copathChild: NodeIndex)] = []
        var current = leaf.nodeIndex
        while let parent = size.parent(current), let sibling = size.sibling(current) {
            if !resolution(of: sibling).isEmpty { result.append((parent, sibling)) }
            current = parent
        }
        return result
    }

    /// Whether `leaf` lies in the subtree under `node`.
    func subtree(_ node: NodeIndex, contains leaf: LeafIndex) -> Bool {
        size.isAncestor(node, of: leaf.nodeIndex)
    }
}
