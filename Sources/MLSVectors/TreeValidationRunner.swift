import MLS

/// Runs `tree-validation.json` (RFC 9420 §4.1.1, §7.8, §7.9.2).
///
/// Verification, for the ratchet tree `tree`:
/// - the resolution of each node `i` is `resolutions[i]`;
/// - the tree hash of each node `i` is `tree_hashes[i]`;
/// - the tree's parent hashes verify, as when joining a group;
/// - every leaf's signature verifies with `group_id` as context.
enum TreeValidationRunner: VectorRunner {
    struct Case: Decodable {
        var cipher_suite: UInt16
        var tree: HexBytes
        var group_id: HexBytes
        var resolutions: [[UInt32]]
        var tree_hashes: [HexBytes]
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        let provider = try crypto.provider(for: CipherSuite(rawValue: c.cipher_suite))
        let tree = try RatchetTree(RatchetTreeNodes(tlsEncoded: c.tree.bytes))
        try expectEqual(c.resolutions.count, tree.nodes.count, "resolutions.count")
        for (i, expected) in c.resolutions.enumerated() {
            try expectEqual(tree.resolution(of: NodeIndex(UInt32(i))).map(\.rawValue), expected, "resolutions[\(i)]")
        }
        let hashes = tree.allTreeHashes(provider: provider)
        try expectEqual(c.tree_hashes.count, hashes.count, "tree_hashes.count")
        for (i, expected) in c.tree_hashes.enumerated() {
            try expectEqual(hashes[i], expected.bytes, "tree_hashes[\(i)]")
            try expectEqual(tree.treeHash(of: NodeIndex(UInt32(i)), provider: provider), expected.bytes,
                            "tree_hashes[\(i)] (recursive)")
        }
        try tree.verifyParentHashes(provider: provider)
        try tree.verifyUnmergedLeaves()
        for (index, leaf) in tree.members {
            let signed = provider.verifyWithLabel(
                publicKey: leaf.signatureKey, label: "LeafNodeTBS",
                content: leaf.tbsEncoded(groupID: c.group_id.bytes, leafIndex: index), signature: leaf.signature)
            try expectTrue(signed, "tree.leaf[\(index.rawValue)]", "leaf signature does not verify")
        }
        return .passed
    }
}
