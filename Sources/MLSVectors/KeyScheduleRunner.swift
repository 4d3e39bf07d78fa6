import MLS

/// Runs `key-schedule.json` (RFC 9420 §8).
///
/// Verification, for a group with `cipher_suite` and `group_id`, starting from
/// `initial_init_secret`; for each epoch `epochs[i]`:
/// - build a GroupContext with `cipher_suite`, `group_id`, `epoch = i`, `tree_hash`,
///   `confirmed_transcript_hash` and no extensions, and check its encoding equals `group_context`;
/// - run the key schedule from the prior epoch's `init_secret` (or `initial_init_secret`),
///   `commit_secret`, `psk_secret` (all zeros if absent) and that GroupContext, and check
///   `joiner_secret`, `welcome_secret`, `init_secret`, `sender_data_secret`, `encryption_secret`,
///   `exporter_secret`, `epoch_authenticator`, `external_secret`, `confirmation_key`,
///   `membership_key` and `resumption_psk`;
/// - check that `external_pub` is the public key of `KEM.DeriveKeyPair(external_secret)`;
/// - check that `exporter.secret` is `MLS-Exporter(exporter.label, exporter.context, exporter.length)`.
///
/// Starting a second schedule from the computed `joiner_secret`, as a Welcome joiner does,
/// must give the same secrets.
enum KeyScheduleRunner: VectorRunner {
    struct Case: Decodable {
        var cipher_suite: UInt16
        var group_id: HexBytes
        var initial_init_secret: HexBytes
        var epochs: [Epoch]
    }

    struct Epoch: Decodable {
        var tree_hash: HexBytes
        var commit_secret: HexBytes
        var psk_secret: HexBytes?
        var confirmed_transcript_hash: HexBytes
        var group_context: HexBytes
        var joiner_secret: HexBytes
        var welcome_secret: HexBytes
        var init_secret: HexBytes
        var sender_data_secret: HexBytes
        var encryption_secret: HexBytes
        var exporter_secret: HexBytes
        var epoch_authenticator: HexBytes
        var external_secret: HexBytes
        var confirmation_key: HexBytes
        var membership_key: HexBytes
        var resumption_psk: HexBytes
        var external_pub: HexBytes
        var exporter: Exporter
    }

    struct Exporter: Decodable {
        var label: String
        var context: HexBytes
        var length: Int
        var secret: HexBytes
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        let suite = CipherSuite(rawValue: c.cipher_suite)
        let provider = try crypto.provider(for: suite)
        var initSecret = c.initial_init_secret.bytes
        for (i, epoch) in c.epochs.enumerated() {
            let path = "epochs[\(i)]"
            let context = GroupContext(
                version: .mls10, cipherSuite: suite, groupID: c.group_id.bytes, epoch: UInt64(i),
                treeHash: epoch.tree_hash.bytes, confirmedTranscriptHash: epoch.confirmed_transcript_hash.bytes,
                extensions: [])
            try expectEqual(context.tlsEncoded, epoch.group_context.bytes, "\(path).group_context")

            let pskSecret = epoch.psk_secret?.bytes ?? [UInt8](repeating: 0, count: provider.hashLength)
            let schedule = try KeySchedule(
                initSecret: initSecret, commitSecret: epoch.commit_secret.bytes, pskSecret: pskSecret,
                groupContext: context, provider: provider)
            try expectEqual(
                schedule.joinerSecret.withUnsafeBytes { Array($0) }, epoch.joiner_secret.bytes, "\(path).joiner_secret")
            try expectEqual(
                schedule.welcomeSecret.withUnsafeBytes { Array($0) }, epoch.welcome_secret.bytes,
                "\(path).welcome_secret")
            try check(schedule.epochSecrets, epoch, path)

            let joined = try KeySchedule(
                joinerSecret: schedule.joinerSecret, pskSecret: pskSecret, groupContext: context, provider: provider)
            try expectEqual(joined == schedule, true, "\(path) (schedule from joiner_secret)")

            let secrets = schedule.epochSecrets
            let keyPair = try secrets.externalKeyPair(provider: provider)
            try expectEqual(keyPair.publicKey, epoch.external_pub.bytes, "\(path).external_pub")
            let exported = try secrets.export(
                label: epoch.exporter.label, context: epoch.exporter.context.bytes, length: epoch.exporter.length,
                provider: provider)
            try expectEqual(exported, epoch.exporter.secret.bytes, "\(path).exporter.secret")

            initSecret = secrets.initSecret.withUnsafeBytes { Array($0) }
        }
        return .passed
    }

    private static func check(_ secrets: EpochSecrets, _ epoch: Epoch, _ path: String) throws {
        let pairs: [(String, Secret, HexBytes)] = [
            ("init_secret", secrets.initSecret, epoch.init_secret),
            ("sender_data_secret", secrets.senderDataSecret, epoch.sender_data_secret),
            ("encryption_secret", secrets.encryptionSecret, epoch.encryption_secret),
            ("exporter_secret", secrets.exporterSecret, epoch.exporter_secret),
            ("epoch_authenticator", secrets.epochAuthenticator, epoch.epoch_authenticator),
            ("external_secret", secrets.externalSecret, epoch.external_secret),
            ("confirmation_key", secrets.confirmationKey, epoch.confirmation_key),
            ("membership_key", secrets.membershipKey, epoch.membership_key),
            ("resumption_psk", secrets.resumptionPSK, epoch.resumption_psk),
        ]
        for (name, actual, expected) in pairs {
            try expectEqual(actual.withUnsafeBytes { Array($0) }, expected.bytes, "\(path).\(name)")
        }
    }
}
