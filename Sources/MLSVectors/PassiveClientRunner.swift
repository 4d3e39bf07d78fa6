import MLS

/// Runs passive-client files (`passive-client-*.json`, or any file with `--kind passive-client`):
/// a client joins by Welcome and follows the group's epochs (RFC 9420 §12).
///
/// Verification:
/// - `signature_priv`, `encryption_priv` and `init_priv` belong to the keys of `key_package`;
/// - joining with `welcome`, `ratchet_tree` (when given) and `external_psks` succeeds, and the
///   epoch authenticator is `initial_epoch_authenticator`;
/// - for each epoch, after processing its `proposals` and then its `commit`, the epoch
///   authenticator is the epoch's `epoch_authenticator`.
enum PassiveClientRunner: VectorRunner {
    struct Case: Decodable {
        struct ExternalPSK: Decodable {
            var psk_id: HexBytes
            var psk: HexBytes
        }

        struct Epoch: Decodable {
            var proposals: [HexBytes]
            var commit: HexBytes
            var epoch_authenticator: HexBytes
        }

        var cipher_suite: UInt16
        var external_psks: [ExternalPSK]
        var key_package: HexBytes
        var signature_priv: HexBytes
        var encryption_priv: HexBytes
        var init_priv: HexBytes
        var welcome: HexBytes
        var ratchet_tree: HexBytes?
        var initial_epoch_authenticator: HexBytes
        var epochs: [Epoch]
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) async throws -> VectorOutcome {
        let provider = try crypto.provider(for: CipherSuite(rawValue: c.cipher_suite))
        let keyPackageMessage = try MLSMessage(tlsEncoded: c.key_package.bytes)
        guard case .keyPackage(let keyPackage) = keyPackageMessage.body else {
            throw VectorCheckFailed("key_package", "not a KeyPackage")
        }
        let bundle = try KeyPackageBundle(
            keyPackage: keyPackage, initPrivateKey: c.init_priv.bytes, encryptionPrivateKey: c.encryption_priv.bytes,
            provider: provider)
        let signaturePublic = try provider.signaturePublicKey(privateKey: c.signature_priv.bytes)
        try expectEqual(signaturePublic, keyPackage.leafNode.signatureKey, "signature_priv")
        guard case .welcome(let welcome) = try MLSMessage(tlsEncoded: c.welcome.bytes).body else {
            throw VectorCheckFailed("welcome", "not a Welcome")
        }
        let tree = try c.ratchet_tree.map { try RatchetTreeNodes(tlsEncoded: $0.bytes) }
        let psks = StaticPSKStore(
            external: Dictionary(c.external_psks.map { ($0.psk_id.bytes, $0.psk.bytes) }, uniquingKeysWith: { a, _ in a }))
        var group = try await Group.join(
            welcome: welcome, keyPackage: bundle,
            signatureKeyPair: SignatureKeyPair(privateKey: c.signature_priv.bytes, publicKey: signaturePublic),
            ratchetTree: tree, crypto: crypto,
            // A passive client follows recorded scenarios: their KeyPackages may have expired since,
            // and their PSK proposals may name any earlier epoch.
            configuration: GroupConfiguration(
                checkLifetimeOfReceivedKeyPackages: false, resumptionPSKEpochs: c.epochs.count + 1),
            services: GroupServices(psks: psks))
        try expectEqual(group.epochAuthenticator, c.initial_epoch_authenticator.bytes, "initial_epoch_authenticator")
        for (i, epoch) in c.epochs.enumerated() {
            for (j, proposal) in epoch.proposals.enumerated() {
                do {
                    _ = try await group.process(MLSMessage(tlsEncoded: proposal.bytes))
                } catch {
                    throw VectorCheckFailed("epochs[\(i)].proposals[\(j)]", "\(error)")
                }
            }
            do {
                _ = try await group.process(MLSMessage(tlsEncoded: epoch.commit.bytes))
            } catch {
                throw VectorCheckFailed("epochs[\(i)].commit", "\(error)")
            }
            try expectEqual(group.epochAuthenticator, epoch.epoch_authenticator.bytes, "epochs[\(i)].epoch_authenticator")
        }
        return .passed
    }
}
