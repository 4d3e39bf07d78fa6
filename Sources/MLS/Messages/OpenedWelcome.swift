/// What a new member learns by opening a Welcome (RFC 9420 §12.4.3.1), before the group layer
/// checks the GroupInfo against the ratchet tree.
///
/// The GroupInfo's signature and confirmation tag are not verified yet: the signer's key comes from
/// the tree (`GroupInfo.verifySignature`), and the confirmation tag needs the epoch's
/// `confirmation_key` (`GroupInfo.verifyConfirmationTag`, or `keySchedule()` then that).
public struct OpenedWelcome: Equatable, Sendable {
    /// The decrypted GroupSecrets: joiner secret, optional path secret, PSK IDs.
    public let groupSecrets: GroupSecrets
    /// The decrypted, not yet authenticated, GroupInfo.
    public let groupInfo: GroupInfo
    /// `psk_secret` computed from the PSKs GroupSecrets lists (all zeros without any).
    public let pskSecret: Secret
    /// `welcome_secret`, from which the GroupInfo key and nonce were derived.
    public let welcomeSecret: Secret

    public init(groupSecrets: GroupSecrets, groupInfo: GroupInfo, pskSecret: Secret, welcomeSecret: Secret) {
        self.groupSecrets = groupSecrets
        self.groupInfo = groupInfo
        self.pskSecret = pskSecret
        self.welcomeSecret = welcomeSecret
    }

    /// Runs the key schedule of the joined epoch from `joiner_secret`, `psk_secret` and the GroupContext.
    ///
    /// - Parameter provider: The group's cipher suite.
    /// - Throws: `WelcomeError.keySchedule` if the KDF fails.
    public func keySchedule(provider: some CipherSuiteProvider) throws(WelcomeError) -> KeySchedule {
        do {
            return try KeySchedule(
                joinerSecret: groupSecrets.joinerSecret, pskSecret: pskSecret.bytes, groupContext: groupInfo.groupContext,
                provider: provider)
        } catch {
            throw .keySchedule(error)
        }
    }
}
