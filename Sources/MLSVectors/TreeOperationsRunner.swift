import MLS

/// Runs `tree-operations.json` (RFC 9420 §7.7, §7.8, §12.1).
///
/// Verification:
/// - the tree hash of `tree_before` is `tree_hash_before`;
/// - applying `proposal` (an Add, Update or Remove) sent by leaf `proposal_sender` to
///   `tree_before` gives a tree that serializes to `tree_after`;
/// - its tree hash is `tree_hash_after`.
enum TreeOperationsRunner: VectorRunner {
    struct Case: Decodable {
        var cipher_suite: UInt16
        var tree_before: HexBytes
        var proposal: HexBytes
        var proposal_sender: UInt32
        var tree_hash_before: HexBytes
        var tree_after: HexBytes
        var tree_hash_after: HexBytes
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        let provider = try crypto.provider(for: CipherSuite(rawValue: c.cipher_suite))
        var tree = try RatchetTree(RatchetTreeNodes(tlsEncoded: c.tree_before.bytes))
        try expectEqual(tree.treeHash(provider: provider), c.tree_hash_before.bytes, "tree_hash_before")
        switch try Proposal(tlsEncoded: c.proposal.bytes) {
        case .add(let keyPackage):
            tree.add(keyPackage.leafNode)
        case .update(let leafNode):
            try tree.update(LeafIndex(c.proposal_sender), with: leafNode)
        case .remove(let removed):
            try tree.remove(removed)
        default:
            throw VectorCheckFailed("proposal", "not an Add, Update or Remove")
        }
        try expectEqual(tree.wireNodes.tlsEncoded, c.tree_after.bytes, "tree_after")
        try expectEqual(tree.treeHash(provider: provider), c.tree_hash_after.bytes, "tree_hash_after")
        return .passed
    }
}
