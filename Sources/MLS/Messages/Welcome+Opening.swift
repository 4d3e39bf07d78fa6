/// Opening a Welcome as the new member it names (RFC 9420 §12.4.3.1).
///
/// ```text
/// secrets[i] where new_member = KeyPackageRef
///     |  DecryptWithLabel(init_key_priv, "Welcome", encrypted_group_info, ...)
///     v
/// GroupSecrets: joiner_secret, path_secret?, psks
///     |  psk_secret from psks; welcome_secret = DeriveSecret(Extract(joiner_secret, psk_secret), "welcome")
///     v
/// welcome_key, welcome_nonce  --AEAD.Open(encrypted_group_info)-->  GroupInfo
/// ```
extension Welcome {
    /// The encryption label of GroupSecrets (§17.7).
    public static let encryptionLabel = "Welcome"

    /// Supplies the secret of a PSK that a Welcome's GroupSecrets lists, or nil when the client does not have it.
    public typealias PSKResolver = (PreSharedKeyID) -> [UInt8]?

    /// Opens the Welcome with a key package bundle of this client.
    ///
    /// - Parameters:
    ///   - bundle: The key package the Welcome was made for, with its init private key.
    ///   - provider: The key package's cipher suite.
    ///   - psks: Resolves the PSKs GroupSecrets lists.
    /// - Returns: The decrypted GroupSecrets and GroupInfo and the derived secrets.
    /// - Throws: `WelcomeError`; nothing is changed on failure.
    public func open(
        with bundle: KeyPackageBundle, provider: some CipherSuiteProvider, psks: PSKResolver = { _ in nil }
    ) throws(WelcomeError) -> OpenedWelcome {
        try open(initPrivateKey: bundle.initPrivateKey, keyPackageRef: bundle.ref, provider: provider, psks: psks)
    }

    /// Opens the Welcome with the init private key of the key package named `keyPackageRef`.
    ///
    /// This checks that the Welcome's and the GroupInfo's suites are the key package's
    /// (`provider.suite`), but not the GroupInfo's signature or confirmation tag.
    ///
    /// - Parameters:
    ///   - initPrivateKey: The HPKE private key of the key package's `init_key`.
    ///   - keyPackageRef: The key package's reference.
    ///   - provider: The key package's cipher suite.
    ///   - psks: Resolves the PSKs GroupSecrets lists.
    /// - Returns: The decrypted GroupSecrets and GroupInfo and the derived secrets.
    /// - Throws: `WelcomeError`; nothing is changed on failure.
    public func open(
        initPrivateKey: [UInt8], keyPackageRef: KeyPackageRef, provider: some CipherSuiteProvider,
        psks: PSKResolver = { _ in nil }
    ) throws(WelcomeError) -> OpenedWelcome {
        // VAL-WELCOME-01
        guard cipherSuite == provider.suite else {
            throw .cipherSuiteMismatch(welcome: cipherSuite, keyPackage: provider.suite)
        }
        // VAL-WELCOME-02
        guard let entry = secrets.first(where: { $0.newMember == keyPackageRef.bytes }) else {
            throw .noSecretsForKeyPackage
        }
        let groupSecrets = try decryptGroupSecrets(entry, initPrivateKey: initPrivateKey, provider: provider)
        let pskSecret = try Self.pskSecret(for: groupSecrets.psks, provider: provider, psks: psks)

        let welcomeSecret: Secret
        let keyAndNonce: (key: [UInt8], nonce: [UInt8])
        do {
            welcomeSecret = try KeySchedule.welcomeSecret(
                joinerSecret: groupSecrets.joinerSecret, pskSecret: pskSecret, provider: provider)
            keyAndNonce = try KeySchedule.welcomeKeyAndNonce(welcomeSecret: welcomeSecret, provider: provider)
        } catch {
            throw .keySchedule(error)
        }

        let groupInfoBytes: [UInt8]
        do {
            groupInfoBytes = try provider.aeadOpen(
                key: keyAndNonce.key, nonce: keyAndNonce.nonce, aad: [], ciphertext: encryptedGroupInfo)
        } catch {
            // VAL-WELCOME-07
            throw .groupInfoDecryptionFailed
        }
        let groupInfo: GroupInfo
        do {
            groupInfo = try GroupInfo(tlsEncoded: groupInfoBytes)
        } catch {
            // VAL-WELCOME-08
            throw .malformedGroupInfo(error)
        }
        // VAL-WELCOME-09
        guard groupInfo.groupContext.cipherSuite == provider.suite else {
            throw .groupInfoCipherSuiteMismatch(
                groupInfo: groupInfo.groupContext.cipherSuite, keyPackage: provider.suite)
        }
        return OpenedWelcome(
            groupSecrets: groupSecrets, groupInfo: groupInfo, pskSecret: Secret(pskSecret), welcomeSecret: welcomeSecret)
    }

    private func decryptGroupSecrets(
        _ entry: EncryptedGroupSecrets, initPrivateKey: [UInt8], provider: some CipherSuiteProvider
    ) throws(WelcomeError) -> GroupSecrets {
        let plaintext: [UInt8]
        do {
            plaintext = try provider.decryptWithLabel(
                privateKey: initPrivateKey, label: Self.encryptionLabel, context: encryptedGroupInfo,
                ciphertext: entry.encryptedGroupSecrets)
        } catch {
            // VAL-WELCOME-03
            throw .groupSecretsDecryptionFailed
        }
        do {
            return try GroupSecrets(tlsEncoded: plaintext)
        } catch {
            // VAL-WELCOME-04
            throw .malformedGroupSecrets(error)
        }
    }

    private static func pskSecret(
        for ids: [PreSharedKeyID], provider: some CipherSuiteProvider, psks: PSKResolver
    ) throws(WelcomeError) -> [UInt8] {
        var resolved: [(id: PreSharedKeyID, psk: [UInt8])] = []
        var reinitOrBranch = 0
        for id in ids {
            if case .resumption(let usage, _, _) = id.kind, usage == .reinit || usage == .branch {
                reinitOrBranch += 1
            }
            // VAL-WELCOME-05
            guard let secret = psks(id) else { throw .missingPSK(id) }
            resolved.append((id, secret))
        }
        // VAL-WELCOME-06
        guard reinitOrBranch <= 1 else { throw .multipleReinitOrBranchPSKs }
        do {
            return try PSKSecret.compute(psks: resolved, provider: provider)
        } catch {
            throw .keySchedule(error)
        }
    }
}
