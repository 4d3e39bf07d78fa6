/// Why a ratchet tree, or an operation on it, is invalid (RFC 9420 §4, §7, §12.4.3.3).
public enum TreeError: Error, Equatable, Sendable {
    /// §12.4.3.3: the node list is empty, or its last node is blank.
    case emptyOrTrailingBlank
    /// A leaf node sits at a parent position or the other way round.
    case nodeTypeMismatch(NodeIndex)
    /// The node list has more nodes than a ratchet tree may have.
    case tooLarge(nodeCount: Int)
    /// A leaf index outside the tree, or naming a blank leaf where a member is needed.
    case noSuchLeaf(LeafIndex)
    /// §7.9.2: a non-blank parent node is not covered by exactly one parent-hash chain.
    case parentHashInvalid(NodeIndex)
    /// §7.9.2: the committer's leaf does not carry the parent hash its UpdatePath implies.
    case leafParentHashMismatch
    /// §7.1: an unmerged leaf of a parent is not a non-blank descendant leaf, or it is not
    /// listed in every non-blank parent between it and that parent.
    case invalidUnmergedLeaves(NodeIndex)
    /// §12.4.2: an UpdatePath has a node count different from the filtered direct path, or a
    /// wrong number of ciphertexts for a resolution.
    case updatePathShapeMismatch
    /// §7.6: no encrypted path secret could be decrypted with the keys this member holds.
    case noDecryptablePathSecret
    /// §7.6: a public key derived from a path secret differs from the one in the UpdatePath.
    case derivedKeyMismatch(NodeIndex)
    /// A private key held for a node does not match the node's public key.
    case privateKeyMismatch(NodeIndex)
    /// §7.6: encryption keys must be unique across the tree.
    case duplicateEncryptionKey
    case crypto(CryptoError)
}
