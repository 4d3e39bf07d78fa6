import MLS

/// Runs `secret-tree.json` (RFC 9420 §9, §6.3.2).
///
/// Verification:
/// - `sender_data`: `key == sender_data_key(sender_data_secret, ciphertext)` and
///   `nonce == sender_data_nonce(sender_data_secret, ciphertext)`;
/// - a secret tree with as many leaves as entries in `leaves`, rooted at `encryption_secret`,
///   yields for each leaf `i` and each listed `generation` the handshake and application
///   ratchet keys and nonces given.
///
/// The generations of a leaf are taken in increasing order from one tree, so the run also
/// exercises skipping ahead and the deletion of consumed keys.
enum SecretTreeRunner: VectorRunner {
    struct Case: Decodable {
        struct SenderData: Decodable {
            var sender_data_secret: HexBytes
            var ciphertext: HexBytes
            var key: HexBytes
            var nonce: HexBytes
        }

        struct Generation: Decodable {
            var generation: UInt32
            var handshake_key: HexBytes
            var handshake_nonce: HexBytes
            var application_key: HexBytes
            var application_nonce: HexBytes
        }

        var cipher_suite: UInt16
        var sender_data: SenderData
        var encryption_secret: HexBytes
        var leaves: [[Generation]]
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        let provider = try crypto.provider(for: CipherSuite(rawValue: c.cipher_suite))
        let senderData = try SenderDataSecrets(
            provider: provider, senderDataSecret: c.sender_data.sender_data_secret.bytes,
            ciphertext: c.sender_data.ciphertext.bytes)
        try expectEqual(senderData.key, c.sender_data.key.bytes, "sender_data.key")
        try expectEqual(senderData.nonce, c.sender_data.nonce.bytes, "sender_data.nonce")

        let leafCount = UInt32(c.leaves.count)
        guard let size = TreeSize(leafCount: leafCount) else {
            throw VectorCheckFailed("leaves", "\(leafCount) leaves is not a power of two")
        }
        let configuration = SecretTreeConfiguration(maxForwardDistance: .max, outOfOrderTolerance: 0)
        var tree = SecretTree(
            provider: provider, encryptionSecret: c.encryption_secret.bytes, size: size, configuration: configuration)
        for (i, generations) in c.leaves.enumerated() {
            let leaf = LeafIndex(UInt32(i))
            for (j, g) in generations.enumerated() {
                let path = "leaves[\(i)][\(j)]"
                let handshake = try tree.key(for: leaf, type: .handshake, generation: g.generation)
                try expectEqual(handshake.key, g.handshake_key.bytes, "\(path).handshake_key")
                try expectEqual(handshake.nonce, g.handshake_nonce.bytes, "\(path).handshake_nonce")
                let application = try tree.key(for: leaf, type: .application, generation: g.generation)
                try expectEqual(application.key, g.application_key.bytes, "\(path).application_key")
                try expectEqual(application.nonce, g.application_nonce.bytes, "\(path).application_nonce")
            }
        }
        return .passed
    }
}
