import MLS

/// Runs `welcome.json` (RFC 9420 §12.4.3.1).
///
/// Verification, for a `key_package` and a `welcome` (each an MLSMessage) of `cipher_suite`:
/// - the key package's signature verifies (`KeyPackageTBS`) and `init_priv` is the private key of
///   its `init_key`;
/// - decrypt the Welcome: identify the entry of `welcome.secrets` whose `new_member` is the
///   key package's `KeyPackageRef`, decrypt its group secrets with `init_priv`, then decrypt the
///   encrypted group info;
/// - verify the signature on the decrypted GroupInfo with `signer_pub`;
/// - verify its `confirmation_tag`: run the key schedule of the epoch from the decrypted
///   `joiner_secret` and no PSKs, and recompute `MAC(confirmation_key, confirmed_transcript_hash)`
///   with the `confirmed_transcript_hash` of the decrypted GroupContext.
enum WelcomeRunner: VectorRunner {
    struct Case: Decodable {
        var cipher_suite: UInt16
        var init_priv: HexBytes
        var signer_pub: HexBytes
        var key_package: HexBytes
        var welcome: HexBytes
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        let suite = CipherSuite(rawValue: c.cipher_suite)
        let provider = try crypto.provider(for: suite)

        guard case .keyPackage(let keyPackage) = try MLSMessage(tlsEncoded: c.key_package.bytes).body else {
            throw VectorMismatch(path: "key_package", expected: "mls_key_package", actual: "another wire format")
        }
        guard case .welcome(let welcome) = try MLSMessage(tlsEncoded: c.welcome.bytes).body else {
            throw VectorMismatch(path: "welcome", expected: "mls_welcome", actual: "another wire format")
        }
        try expectEqual(keyPackage.cipherSuite, suite, "key_package.cipher_suite")
        try expectTrue(
            provider.verifyWithLabel(
                publicKey: keyPackage.leafNode.signatureKey, label: UnverifiedKeyPackage.signatureLabel,
                content: keyPackage.tbsEncoded, signature: keyPackage.signature),
            "key_package.signature", "does not verify")
        try expectEqual(try provider.hpkePublicKey(privateKey: c.init_priv.bytes), keyPackage.initKey, "init_priv")

        let ref = KeyPackageRef(keyPackage: keyPackage, provider: provider)
        let opened = try welcome.open(initPrivateKey: c.init_priv.bytes, keyPackageRef: ref, provider: provider)
        try expectTrue(opened.groupSecrets.psks.isEmpty, "welcome.group_secrets.psks", "lists PSKs")
        try expectEqual(
            opened.pskSecret.withUnsafeBytes { Array($0) }, [UInt8](repeating: 0, count: provider.hashLength),
            "psk_secret")

        try opened.groupInfo.verifySignature(signerKey: c.signer_pub.bytes, provider: provider)

        let schedule = try opened.keySchedule(provider: provider)
        try opened.groupInfo.verifyConfirmationTag(
            confirmationKey: schedule.epochSecrets.confirmationKey.withUnsafeBytes { Array($0) }, provider: provider)
        return .passed
    }
}
