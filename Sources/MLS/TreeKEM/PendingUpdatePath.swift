/// A committer's new path, applied to its own tree but not yet encrypted to the group
/// (RFC 9420 §7.5, §12.4): the encryption needs the provisional GroupContext, whose tree hash
/// covers the path itself.
public struct PendingUpdatePath: Sendable {
    /// The committer's leaf.
    public let leaf: LeafIndex
    /// The committer's new, signed leaf node.
    public let leafNode: LeafNode
    /// The filtered direct path, leaf to root, with each node's copath child and path secret.
    public let nodes: [(node: NodeIndex, copathChild: NodeIndex, pathSecret: [UInt8], publicKey: [UInt8])]
    /// `path_secret[n+1]`: the commit secret.
    public let commitSecret: Secret
    /// The committer's private keys after the path: the new leaf key and every path node's key.
    public let privateKeys: TreePrivateKeys

    /// The path secret of a node on the path, used in the Welcome of a member whose lowest
    /// common ancestor with the committer is that node (§12.4.3.1).
    public func pathSecret(for node: NodeIndex) -> [UInt8]? {
        nodes.first(where: { $0.node == node })?.pathSecret
    }
}
