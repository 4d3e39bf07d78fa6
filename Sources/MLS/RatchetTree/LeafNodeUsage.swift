/// Where a leaf node being validated appears, which fixes the source it must have (RFC 9420 §7.3).
public enum LeafNodeUsage: Hashable, Sendable {
    /// In a KeyPackage: the source must be `key_package`.
    case keyPackage
    /// In an Update proposal from the member at `leafIndex`: the source must be `update`, and the
    /// encryption key must differ from `replacedEncryptionKey`, the key of the leaf being replaced.
    case update(groupID: [UInt8], leafIndex: LeafIndex, replacedEncryptionKey: [UInt8])
    /// In the UpdatePath of a Commit from the member at `leafIndex`: the source must be `commit`.
    /// The parent hash is checked with the tree, not here.
    case commit(groupID: [UInt8], leafIndex: LeafIndex)
    /// In a ratchet tree being validated, at `leafIndex`: any source is allowed.
    case ratchetTree(groupID: [UInt8], leafIndex: LeafIndex)

    /// The group ID and leaf index the signature binds for `update` and `commit` sources.
    var signatureContext: (groupID: [UInt8], leafIndex: LeafIndex) {
        switch self {
        case .keyPackage: ([], LeafIndex(0))
        case .update(let groupID, let leafIndex, _), .commit(let groupID, let leafIndex),
            .ratchetTree(let groupID, let leafIndex):
            (groupID, leafIndex)
        }
    }
}
