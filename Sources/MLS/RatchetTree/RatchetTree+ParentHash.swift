extension RatchetTree {
    /// The parent hash of `node` with copath child `sibling` (RFC 9420 §7.9), given the tree
    /// hash of the sibling's subtree as it was when `node` was last set:
    ///
    /// ```text
    /// struct {
    ///     HPKEPublicKey encryption_key;
    ///     opaque parent_hash<V>;
    ///     opaque original_sibling_tree_hash<V>;
    /// } ParentHashInput;
    /// ```
    func parentHash(of node: ParentNode, originalSiblingTreeHash: [UInt8], provider: any CipherSuiteProvider)
        -> [UInt8]
    {
        var writer = TLSWriter()
        writer.writeOpaque(node.encryptionKey)
        writer.writeOpaque(node.parentHash)
        writer.writeOpaque(originalSiblingTreeHash)
        return provider.hash(writer.bytes)
    }

    /// Sets the `parent_hash` of every node on a leaf's filtered direct path, from the root down,
    /// and returns the parent hash the leaf itself must carry (§7.9.1). The nodes' keys must
    /// already be in place and their unmerged leaves empty, as right after merging an UpdatePath.
    mutating func setParentHashes(along leaf: LeafIndex, provider: any CipherSuiteProvider) -> [UInt8] {
        var above: [UInt8] = []
        for (node, copathChild) in filteredDirectPath(of: leaf).reversed() {
            guard var value = parent(node) else { continue }
            value.parentHash = above
            set(node, .parent(value))
            above = parentHash(
                of: value, originalSiblingTreeHash: treeHash(of: copathChild, provider: provider), provider: provider)
        }
        return above
    }

    /// The `parent_hash` a node carries, if it can carry one: a parent node's field, or a leaf's
    /// whose source is a commit.
    private func carriedParentHash(_ node: NodeIndex) -> [UInt8]? {
        switch self[node] {
        case .parent(let parent): parent.parentHash
        case .leaf(let leaf): if case .commit(let hash) = leaf.source { hash } else { nil }
        case nil: nil
        }
    }

    /// Checks that every non-blank parent node is parent-hash valid (§7.9.2), top down: for
    /// each such node P exactly one node D below it carries P's parent hash, D is in the
    /// resolution of P's child C on its side, and P's unmerged leaves under C are exactly the
    /// rest of that resolution.
    public func verifyParentHashes(provider: any CipherSuiteProvider) throws(TreeError) {
        let hashes = allTreeHashes(provider: provider)
        for index in stride(from: 1, to: nodes.count, by: 2) {
            let node = NodeIndex(UInt32(index))
            guard let parentNode = parent(node), let left = size.left(node), let right = size.right(node) else {
                continue
            }
            let unmerged = Set(parentNode.unmergedLeaves)
            var matches = 0
            for (child, sibling) in [(left, right), (right, left)] {
                let siblingHash: [UInt8]
                if unmerged.contains(where: { subtree(sibling, contains: $0) }) {
                    siblingHash = treeHash(of: sibling, excluding: unmerged, provider: provider)
                } else {
                    siblingHash = hashes[Int(sibling.rawValue)]
                }
                let expected = parentHash(of: parentNode, originalSiblingTreeHash: siblingHash, provider: provider)
                let childResolution = resolution(of: child)
                let unmergedUnderChild = Set(unmerged.filter { subtree(child, contains: $0) }.map(\.nodeIndex))
                for candidate in childResolution where carriedParentHash(candidate) == expected {
                    var rest = Set(childResolution)
                    rest.remove(candidate)
                    if rest == unmergedUnderChild { matches += 1 }
                }
            }
            guard matches == 1 else { throw .parentHashInvalid(node) }
        }
    }

    /// Checks the unmerged-leaves lists (§7.1, §12.4.3.1): each unmerged leaf of a parent is a
    /// non-blank leaf below it, and is also unmerged at every non-blank parent in between.
    public func verifyUnmergedLeaves() throws(TreeError) {
        for index in stride(from: 1, to: nodes.count, by: 2) {
            let node = NodeIndex(UInt32(index))
            guard let parentNode = parent(node) else { continue }
            for leafIndex in parentNode.unmergedLeaves {
                guard subtree(node, contains: leafIndex), leaf(leafIndex) != nil else {
                    throw .invalidUnmergedLeaves(node)
                }
                for between in size.directPath(leafIndex.nodeIndex) {
                    if between == node { break }
                    if let intermediate = parent(between), !intermediate.unmergedLeaves.contains(leafIndex) {
                        throw .invalidUnmergedLeaves(node)
                    }
                }
            }
        }
    }

    /// Checks that no two non-blank nodes share an encryption key (§7.3, §12.4.3.1).
    public func verifyUniqueEncryptionKeys() throws(TreeError) {
        var seen = Set<[UInt8]>()
        for index in nodes.indices {
            if let key = encryptionKey(NodeIndex(UInt32(index))), !seen.insert(key).inserted {
                throw .duplicateEncryptionKey
            }
        }
    }
}
