extension RatchetTree {
    /// Replaces a leaf's direct path with fresh keys (RFC 9420 §7.4, §7.5): blanks the direct
    /// path, derives a path secret and key pair for each node of the filtered direct path, sets
    /// the nodes' keys and parent hashes, and installs the new leaf node, which `makeLeaf` signs
    /// given its new encryption key and parent hash.
    ///
    /// - Parameters:
    ///   - leafSecret: the random secret for the leaf's key pair; `firstPathSecret` the random
    ///     `path_secret[0]`. Both are arguments so that tests can be deterministic.
    ///   - makeLeaf: builds and signs the new leaf node (source `commit`).
    /// - Returns: the pending path, whose secrets still have to be encrypted to the group.
    public mutating func applyNewPath(
        for leaf: LeafIndex,
        leafSecret: [UInt8],
        firstPathSecret: [UInt8],
        provider: any CipherSuiteProvider,
        makeLeaf: (_ encryptionKey: [UInt8], _ parentHash: [UInt8]) throws -> LeafNode
    ) throws -> PendingUpdatePath {
        guard self.leaf(leaf) != nil else { throw TreeError.noSuchLeaf(leaf) }
        var tree = self
        let path = tree.filteredDirectPath(of: leaf)
        tree.blankDirectPath(of: leaf)
        let leafPair = try TreeKEM.nodeKeyPair(pathSecret: leafSecret, provider: provider)
        var privateKeys = TreePrivateKeys(leafIndex: leaf, leafPrivateKey: leafPair.privateKey)
        var pathSecret = firstPathSecret
        var nodes: [(node: NodeIndex, copathChild: NodeIndex, pathSecret: [UInt8], publicKey: [UInt8])] = []
        for (index, entry) in path.enumerated() {
            if index > 0 { pathSecret = try TreeKEM.nextPathSecret(pathSecret, provider: provider) }
            let pair = try privateKeys.set(entry.node, pathSecret: pathSecret, provider: provider)
            tree.set(entry.node, .parent(ParentNode(encryptionKey: pair.publicKey, parentHash: [], unmergedLeaves: [])))
            nodes.append((entry.node, entry.copathChild, pathSecret, pair.publicKey))
        }
        // With an empty filtered direct path (a lone member) nobody decrypts anything, and
        // path_secret[0] itself serves as the commit secret.
        let commitSecret = nodes.isEmpty ? firstPathSecret : try TreeKEM.nextPathSecret(pathSecret, provider: provider)
        let leafParentHash = tree.setParentHashes(along: leaf, provider: provider)
        let leafNode = try makeLeaf(leafPair.publicKey, leafParentHash)
        tree.setLeaf(leaf, leafNode)
        self = tree
        return PendingUpdatePath(
            leaf: leaf, leafNode: leafNode, nodes: nodes, commitSecret: Secret(commitSecret), privateKeys: privateKeys)
    }

    /// Encrypts the pending path's secrets to the group (§7.6): each node's path secret to every
    /// node in the resolution of its copath child, leaving out the leaves added by this commit.
    ///
    /// - Parameter groupContext: the encoded provisional GroupContext of the new epoch.
    public func encrypt(
        _ pending: PendingUpdatePath,
        groupContext: [UInt8],
        excluding newLeaves: Set<LeafIndex>,
        provider: any CipherSuiteProvider
    ) throws(TreeError) -> UpdatePath {
        let excluded = Set(newLeaves.map(\.nodeIndex))
        var pathNodes: [UpdatePathNode] = []
        for entry in pending.nodes {
            var ciphertexts: [HPKECiphertext] = []
            for target in resolution(of: entry.copathChild) where !excluded.contains(target) {
                guard let publicKey = encryptionKey(target) else { continue }
                do {
                    ciphertexts.append(try provider.encryptWithLabel(
                        publicKey: publicKey, label: "UpdatePathNode", context: groupContext,
                        plaintext: entry.pathSecret))
                } catch {
                    throw .crypto(error)
                }
            }
            pathNodes.append(UpdatePathNode(encryptionKey: entry.publicKey, encryptedPathSecret: ciphertexts))
        }
        return UpdatePath(leafNode: pending.leafNode, nodes: pathNodes)
    }

    /// Merges a received UpdatePath into the tree (§7.6): blanks the sender's direct path, sets
    /// the public keys of its filtered direct path, installs its new leaf, and checks that the
    /// leaf carries the parent hash the path implies (§7.9.2).
    ///
    /// - Throws: `TreeError`; the tree is unchanged on error.
    public mutating func merge(_ path: UpdatePath, from sender: LeafIndex, provider: any CipherSuiteProvider)
        throws(TreeError)
    {
        guard leaf(sender) != nil else { throw .noSuchLeaf(sender) }
        let filtered = filteredDirectPath(of: sender)
        guard filtered.count == path.nodes.count else { throw .updatePathShapeMismatch }
        var tree = self
        tree.blankDirectPath(of: sender)
        for (entry, pathNode) in zip(filtered, path.nodes) {
            tree.set(entry.node, .parent(ParentNode(
                encryptionKey: pathNode.encryptionKey, parentHash: [], unmergedLeaves: [])))
        }
        tree.setLeaf(sender, path.leafNode)
        let expected = tree.setParentHashes(along: sender, provider: provider)
        guard case .commit(let carried) = path.leafNode.source, carried == expected else {
            throw .leafParentHashMismatch
        }
        self = tree
    }

    /// Decrypts the path secret meant for this member from an UpdatePath already merged into
    /// the tree, derives the secrets above it, and checks the derived public keys (§7.6).
    ///
    /// - Parameters:
    ///   - groupContext: the encoded provisional GroupContext of the new epoch.
    ///   - newLeaves: the leaves added by the same commit, which the sender left out.
    /// - Returns: the commit secret, the member's private keys after the commit, and the
    ///   decrypted path secret (at the lowest node of the path above this member).
    public func decryptPath(
        _ path: UpdatePath,
        from sender: LeafIndex,
        privateKeys: TreePrivateKeys,
        groupContext: [UInt8],
        excluding newLeaves: Set<LeafIndex>,
        provider: any CipherSuiteProvider
    ) throws(TreeError) -> (commitSecret: [UInt8], privateKeys: TreePrivateKeys, pathSecret: [UInt8]) {
        let filtered = filteredDirectPath(of: sender)
        guard filtered.count == path.nodes.count else { throw .updatePathShapeMismatch }
        let me = privateKeys.leafIndex
        guard let position = filtered.firstIndex(where: { subtree($0.copathChild, contains: me) }) else {
            throw .noDecryptablePathSecret
        }
        let excluded = Set(newLeaves.map(\.nodeIndex))
        let targets = resolution(of: filtered[position].copathChild).filter { !excluded.contains($0) }
        let ciphertexts = path.nodes[position].encryptedPathSecret
        guard ciphertexts.count == targets.count else { throw .updatePathShapeMismatch }
        guard let slot = targets.firstIndex(where: { privateKeys.privateKey(for: $0) != nil }),
              let privateKey = privateKeys.privateKey(for: targets[slot])
        else { throw .noDecryptablePathSecret }
        let decrypted: [UInt8]
        do {
            decrypted = try provider.decryptWithLabel(
                privateKey: privateKey, label: "UpdatePathNode", context: groupContext, ciphertext: ciphertexts[slot])
        } catch {
            throw .crypto(error)
        }
        var keys = privateKeys
        for node in size.directPath(sender.nodeIndex) { keys.set(node, nil) }
        var pathSecret = decrypted
        for index in position..<filtered.count {
            if index > position { pathSecret = try TreeKEM.nextPathSecret(pathSecret, provider: provider) }
            let pair = try keys.set(filtered[index].node, pathSecret: pathSecret, provider: provider)
            guard pair.publicKey == path.nodes[index].encryptionKey else {
                throw .derivedKeyMismatch(filtered[index].node)
            }
        }
        let commitSecret = try TreeKEM.nextPathSecret(pathSecret, provider: provider)
        return (commitSecret, keys, decrypted)
    }
}
