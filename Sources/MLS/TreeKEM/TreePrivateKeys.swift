/// The HPKE private keys a member holds for nodes of the ratchet tree (RFC 9420 §4.2, tree
/// invariant: a member knows the private keys of its leaf and of the nodes above it that it
/// saw being set).
public struct TreePrivateKeys: Hashable, Sendable {
    /// The member's own leaf.
    public let leafIndex: LeafIndex
    /// Private keys by node index.
    private(set) var keys: [UInt32: [UInt8]]

    public init(leafIndex: LeafIndex, leafPrivateKey: [UInt8]) {
        self.leafIndex = leafIndex
        self.keys = [leafIndex.nodeIndex.rawValue: leafPrivateKey]
    }

    public func privateKey(for node: NodeIndex) -> [UInt8]? { keys[node.rawValue] }

    /// The nodes this member holds a key for.
    public var nodes: [NodeIndex] { keys.keys.sorted().map(NodeIndex.init(rawValue:)) }

    mutating func set(_ node: NodeIndex, _ privateKey: [UInt8]?) {
        keys[node.rawValue] = privateKey
    }

    /// Sets the private key of a node from its path secret (§7.4:
    /// `node_priv = DeriveKeyPair(DeriveSecret(path_secret, "node"))`), returning the key pair.
    @discardableResult
    public mutating func set(
        _ node: NodeIndex, pathSecret: [UInt8], provider: any CipherSuiteProvider
    ) throws(TreeError) -> HPKEKeyPair {
        let pair = try TreeKEM.nodeKeyPair(pathSecret: pathSecret, provider: provider)
        keys[node.rawValue] = pair.privateKey
        return pair
    }

    /// Drops the keys of nodes that no longer carry the matching public key (blanked or
    /// replaced by a proposal or an UpdatePath), as §7.6 requires.
    mutating func prune(against tree: RatchetTree, provider: any CipherSuiteProvider) {
        for (node, privateKey) in keys {
            let index = NodeIndex(node)
            guard let publicKey = tree.encryptionKey(index),
                  let derived = try? provider.hpkePublicKey(privateKey: privateKey), derived == publicKey
            else {
                keys[node] = nil
                continue
            }
        }
    }

    /// Checks that every key held matches a non-blank node of the tree.
    /// - Throws: `TreeError.privateKeyMismatch` for the first node that does not.
    public func verify(against tree: RatchetTree, provider: any CipherSuiteProvider) throws(TreeError) {
        for (node, privateKey) in keys.sorted(by: { $0.key < $1.key }) {
            let index = NodeIndex(node)
            guard let publicKey = tree.encryptionKey(index),
                  let derived = try? provider.hpkePublicKey(privateKey: privateKey), derived == publicKey
            else { throw .privateKeyMismatch(index) }
        }
    }
}
