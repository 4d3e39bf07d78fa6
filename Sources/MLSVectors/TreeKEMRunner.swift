import MLS

/// Runs `treekem.json` (RFC 9420 §7.4–§7.6, §7.9).
///
/// Verification:
/// - each `leaves_private` entry gives a private state (leaf key, and keys from the listed
///   path secrets) consistent with `ratchet_tree`;
/// - for each entry of `update_paths`, sent by leaf `i`: the path merges into the tree with a
///   valid parent hash; every other non-blank leaf `j` decrypts `path_secrets[j]` and derives
///   `commit_secret`; the merged tree's hash is `tree_hash_after`;
/// - a new UpdatePath created by leaf `i` on `ratchet_tree` is processed by every other
///   non-blank leaf to the creator's commit secret.
///
/// The GroupContext used as HPKE context has the given suite, group id, epoch and confirmed
/// transcript hash, the tree hash of the tree after the path, and no extensions.
enum TreeKEMRunner: VectorRunner {
    struct Case: Decodable {
        struct LeafPrivate: Decodable {
            struct PathSecret: Decodable {
                var node: UInt32
                var path_secret: HexBytes
            }

            var index: UInt32
            var encryption_priv: HexBytes
            var signature_priv: HexBytes
            var path_secrets: [PathSecret]
        }

        struct Update: Decodable {
            var sender: UInt32
            var update_path: HexBytes
            var path_secrets: [HexBytes?]
            var commit_secret: HexBytes
            var tree_hash_after: HexBytes
        }

        var cipher_suite: UInt16
        var group_id: HexBytes
        var epoch: UInt64
        var confirmed_transcript_hash: HexBytes
        var ratchet_tree: HexBytes
        var leaves_private: [LeafPrivate]
        var update_paths: [Update]
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        let suite = CipherSuite(rawValue: c.cipher_suite)
        let provider = try crypto.provider(for: suite)
        let tree = try RatchetTree(RatchetTreeNodes(tlsEncoded: c.ratchet_tree.bytes))

        var states: [UInt32: TreePrivateKeys] = [:]
        var signatureKeys: [UInt32: [UInt8]] = [:]
        for entry in c.leaves_private {
            var keys = TreePrivateKeys(leafIndex: LeafIndex(entry.index), leafPrivateKey: entry.encryption_priv.bytes)
            for secret in entry.path_secrets {
                try keys.set(NodeIndex(secret.node), pathSecret: secret.path_secret.bytes, provider: provider)
            }
            try keys.verify(against: tree, provider: provider)
            states[entry.index] = keys
            signatureKeys[entry.index] = entry.signature_priv.bytes
        }

        func groupContext(treeHash: [UInt8]) -> [UInt8] {
            GroupContext(
                version: .mls10, cipherSuite: suite, groupID: c.group_id.bytes, epoch: c.epoch, treeHash: treeHash,
                confirmedTranscriptHash: c.confirmed_transcript_hash.bytes, extensions: []
            ).tlsEncoded
        }

        for (u, update) in c.update_paths.enumerated() {
            let sender = LeafIndex(update.sender)
            let path = try UpdatePath(tlsEncoded: update.update_path.bytes)
            var merged = tree
            try merged.merge(path, from: sender, provider: provider)
            let context = groupContext(treeHash: merged.treeHash(provider: provider))
            for (j, expected) in update.path_secrets.enumerated() {
                guard UInt32(j) != update.sender, let expected, let keys = states[UInt32(j)] else { continue }
                let result = try merged.decryptPath(
                    path, from: sender, privateKeys: keys, groupContext: context, excluding: [], provider: provider)
                try expectEqual(result.pathSecret, expected.bytes, "update_paths[\(u)].path_secrets[\(j)]")
                try expectEqual(result.commitSecret, update.commit_secret.bytes, "update_paths[\(u)].commit_secret")
            }
            try expectEqual(merged.treeHash(provider: provider), update.tree_hash_after.bytes,
                            "update_paths[\(u)].tree_hash_after")

            // A fresh path from the same sender, processed by every other member.
            guard let signaturePrivateKey = signatureKeys[update.sender], let oldLeaf = tree.leaf(sender) else {
                throw VectorCheckFailed("update_paths[\(u)]", "no private state for the sender")
            }
            var created = tree
            let pending = try created.applyNewPath(
                for: sender, leafSecret: provider.randomBytes(count: provider.hashLength),
                firstPathSecret: provider.randomBytes(count: provider.hashLength), provider: provider
            ) { encryptionKey, parentHash in
                var leaf = oldLeaf
                leaf.encryptionKey = encryptionKey
                leaf.source = .commit(parentHash: parentHash)
                leaf.signature = try provider.signWithLabel(
                    privateKey: signaturePrivateKey, label: "LeafNodeTBS",
                    content: leaf.tbsEncoded(groupID: c.group_id.bytes, leafIndex: sender))
                return leaf
            }
            let newContext = groupContext(treeHash: created.treeHash(provider: provider))
            let newPath = try created.encrypt(pending, groupContext: newContext, excluding: [], provider: provider)
            var received = tree
            try received.merge(newPath, from: sender, provider: provider)
            try expectEqual(received, created, "update_paths[\(u)] new path: merged tree")
            for (j, keys) in states where j != update.sender {
                let result = try received.decryptPath(
                    newPath, from: sender, privateKeys: keys, groupContext: newContext, excluding: [],
                    provider: provider)
                try expectEqual(
                    result.commitSecret, pending.commitSecret.withUnsafeBytes { Array($0) },
                    "update_paths[\(u)] new path: leaf \(j)")
            }
        }
        return .passed
    }
}
