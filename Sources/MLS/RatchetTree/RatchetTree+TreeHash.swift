extension RatchetTree {
    /// The tree hash of the root (RFC 9420 §7.8).
    public func treeHash(provider: any CipherSuiteProvider) -> [UInt8] {
        treeHash(of: size.root, provider: provider)
    }

    /// The tree hash of one node, over the subtree below it (§7.8).
    ///
    /// ```text
    /// struct {
    ///   NodeType node_type;
    ///   select (TreeHashInput.node_type) {
    ///     case leaf:   LeafNodeHashInput leaf_node;     // uint32 leaf_index; optional<LeafNode> leaf_node;
    ///     case parent: ParentNodeHashInput parent_node; // optional<ParentNode> parent_node;
    ///   };                                              // opaque left_hash<V>; opaque right_hash<V>;
    /// } TreeHashInput;
    /// ```
    public func treeHash(of node: NodeIndex, provider: any CipherSuiteProvider) -> [UInt8] {
        treeHash(of: node, excluding: [], provider: provider)
    }

    /// The root's tree hash, remembering the hash of every node so that later changes cost
    /// only the hashes along the changed paths.
    public mutating func updateTreeHash(provider: any CipherSuiteProvider) -> [UInt8] {
        fillCache(size.root, provider: provider)
    }

    @discardableResult
    private mutating func fillCache(_ node: NodeIndex, provider: any CipherSuiteProvider) -> [UInt8] {
        if let cached = hashCache.hash(of: node, suite: provider.suite) { return cached }
        let hash: [UInt8]
        if let leafIndex = node.leafIndex {
            hash = leafNodeTreeHash(node, leaf(leafIndex), provider: provider)
        } else if let left = size.left(node), let right = size.right(node) {
            let leftHash = fillCache(left, provider: provider)
            let rightHash = fillCache(right, provider: provider)
            hash = parentNodeTreeHash(node, parent(node), leftHash: leftHash, rightHash: rightHash, provider: provider)
        } else {
            hash = []
        }
        hashCache.store(hash, for: node, suite: provider.suite, nodeCount: nodes.count)
        return hash
    }

    /// The tree hashes of every node, by node index, in one pass.
    public func allTreeHashes(provider: any CipherSuiteProvider) -> [[UInt8]] {
        var hashes = [[UInt8]](repeating: [], count: nodes.count)
        // Level by level from the leaves up, so every child's hash exists before its parent's.
        var level: UInt32 = 0
        while (1 << level) <= size.leafCount {
            var index = (UInt32(1) << level) - 1
            while index < size.nodeCount {
                let node = NodeIndex(index)
                if let left = size.left(node), let right = size.right(node) {
                    hashes[Int(index)] = parentNodeTreeHash(
                        node, parent(node), leftHash: hashes[Int(left.rawValue)],
                        rightHash: hashes[Int(right.rawValue)], provider: provider)
                } else {
                    hashes[Int(index)] = leafNodeTreeHash(node, leaf(node.leafIndex!), provider: provider)
                }
                index += 1 << (level + 1)
            }
            level += 1
        }
        return hashes
    }

    /// The tree hash of a node with the leaves in `excluded` treated as blank and removed from
    /// every unmerged-leaves list: the "original" tree hash of §7.9.
    func treeHash(of node: NodeIndex, excluding excluded: Set<LeafIndex>, provider: any CipherSuiteProvider)
        -> [UInt8]
    {
        if excluded.isEmpty, let cached = hashCache.hash(of: node, suite: provider.suite) { return cached }
        if let leafIndex = node.leafIndex {
            return leafNodeTreeHash(node, excluded.contains(leafIndex) ? nil : leaf(leafIndex), provider: provider)
        }
        guard let left = size.left(node), let right = size.right(node) else { return [] }
        var parentNode = parent(node)
        if !excluded.isEmpty, var value = parentNode {
            value.unmergedLeaves.removeAll { excluded.contains($0) }
            parentNode = value
        }
        return parentNodeTreeHash(
            node, parentNode,
            leftHash: treeHash(of: left, excluding: excluded, provider: provider),
            rightHash: treeHash(of: right, excluding: excluded, provider: provider), provider: provider)
    }

    private func leafNodeTreeHash(_ node: NodeIndex, _ leaf: LeafNode?, provider: any CipherSuiteProvider) -> [UInt8] {
        var writer = TLSWriter()
        writer.write(NodeType.leaf)
        writer.write(node.rawValue / 2)
        writer.writeOptional(leaf)
        return provider.hash(writer.bytes)
    }

    private func parentNodeTreeHash(
        _ node: NodeIndex, _ parent: ParentNode?, leftHash: [UInt8], rightHash: [UInt8],
        provider: any CipherSuiteProvider
    ) -> [UInt8] {
        var writer = TLSWriter()
        writer.write(NodeType.parent)
        writer.writeOptional(parent)
        writer.writeOpaque(leftHash)
        writer.writeOpaque(rightHash)
        return provider.hash(writer.bytes)
    }
}
