/// One epoch's run of the key schedule (RFC 9420 §8).
///
/// ```text
///                     init_secret_[n-1]
///                           |
///     commit_secret --> KDF.Extract
///                           |
///                   ExpandWithLabel(., "joiner", GroupContext_[n], KDF.Nh)
///                           |
///                      joiner_secret
///                           |
/// psk_secret (or 0) --> KDF.Extract
///                           |
///                           +--> DeriveSecret(., "welcome") = welcome_secret
///                           |
///                   ExpandWithLabel(., "epoch", GroupContext_[n], KDF.Nh)
///                           |
///                      epoch_secret --> EpochSecrets
/// ```
///
/// A member that processes a Commit starts from the previous epoch's `init_secret`
/// (a new group's first epoch from a random one); a member joining by Welcome starts
/// from the `joiner_secret` of GroupSecrets (§12.4.3.1).
public struct KeySchedule: Equatable, Sendable {
    /// The secret a Welcome's GroupSecrets carries to new members.
    public var joinerSecret: Secret
    /// The secret the Welcome's `encrypted_group_info` is encrypted under (§12.4.3.1).
    public var welcomeSecret: Secret
    /// The epoch's derived secrets, including the next `init_secret`.
    public var epochSecrets: EpochSecrets

    public init(joinerSecret: Secret, welcomeSecret: Secret, epochSecrets: EpochSecrets) {
        self.joinerSecret = joinerSecret
        self.welcomeSecret = welcomeSecret
        self.epochSecrets = epochSecrets
    }

    /// Runs the schedule from the previous epoch's `init_secret`, as when a Commit is processed.
    /// - Parameters:
    ///   - initSecret: `init_secret_[n-1]`, or random bytes for a new group's first epoch.
    ///   - commitSecret: from the Commit's UpdatePath, or all zeros of length `KDF.Nh` without one.
    ///   - pskSecret: from `PSKSecret.compute`, all zeros when no PSK is injected.
    ///   - groupContext: `GroupContext_[n]`, the context of the new epoch.
    ///   - provider: the group's cipher suite.
    /// - Throws: `KeyScheduleError.crypto` if the KDF fails.
    public init(
        initSecret: [UInt8],
        commitSecret: [UInt8],
        pskSecret: [UInt8],
        groupContext: GroupContext,
        provider: some CipherSuiteProvider
    ) throws(KeyScheduleError) {
        let context = groupContext.tlsEncoded
        let joiner = try KeyScheduleError.wrapping { () throws(CryptoError) in
            let extracted = provider.kdfExtract(salt: initSecret, ikm: commitSecret)
            return try provider.expandWithLabel(
                secret: extracted, label: "joiner", context: context, length: provider.hashLength)
        }
        try self.init(
            joinerSecret: Secret(joiner), pskSecret: pskSecret, encodedGroupContext: context, provider: provider)
    }

    /// Runs the schedule from `joiner_secret`, as a member joining by Welcome does.
    /// - Parameters:
    ///   - joinerSecret: from the Welcome's GroupSecrets.
    ///   - pskSecret: from the PSKs GroupSecrets lists, all zeros when it lists none.
    ///   - groupContext: `GroupContext_[n]`, from the decrypted GroupInfo.
    ///   - provider: the group's cipher suite.
    /// - Throws: `KeyScheduleError.crypto` if the KDF fails.
    public init(
        joinerSecret: Secret,
        pskSecret: [UInt8],
        groupContext: GroupContext,
        provider: some CipherSuiteProvider
    ) throws(KeyScheduleError) {
        try self.init(
            joinerSecret: joinerSecret, pskSecret: pskSecret, encodedGroupContext: groupContext.tlsEncoded,
            provider: provider)
    }

    private init(
        joinerSecret: Secret,
        pskSecret: [UInt8],
        encodedGroupContext: [UInt8],
        provider: some CipherSuiteProvider
    ) throws(KeyScheduleError) {
        let welcome = try Self.welcomeSecret(joinerSecret: joinerSecret, pskSecret: pskSecret, provider: provider)
        let epochSecret = try KeyScheduleError.wrapping { () throws(CryptoError) in
            let memberSecret = provider.kdfExtract(salt: joinerSecret.bytes, ikm: pskSecret)
            return try provider.expandWithLabel(
                secret: memberSecret, label: "epoch", context: encodedGroupContext, length: provider.hashLength)
        }
        self.init(
            joinerSecret: joinerSecret, welcomeSecret: welcome,
            epochSecrets: try EpochSecrets(epochSecret: epochSecret, provider: provider))
    }

    /// §8: `welcome_secret = DeriveSecret(KDF.Extract(joiner_secret, psk_secret), "welcome")`.
    ///
    /// A new member needs it before it can decrypt the GroupInfo that holds the GroupContext.
    /// - Throws: `KeyScheduleError.crypto` if the KDF fails.
    public static func welcomeSecret(
        joinerSecret: Secret, pskSecret: [UInt8], provider: some CipherSuiteProvider
    ) throws(KeyScheduleError) -> Secret {
        try KeyScheduleError.wrapping { () throws(CryptoError) in
            let memberSecret = provider.kdfExtract(salt: joinerSecret.bytes, ikm: pskSecret)
            return Secret(try provider.deriveSecret(secret: memberSecret, label: "welcome"))
        }
    }

    /// §12.4.3.1: the AEAD key and nonce that protect a Welcome's `encrypted_group_info`.
    ///
    /// ```text
    /// welcome_nonce = ExpandWithLabel(welcome_secret, "nonce", "", AEAD.Nn)
    /// welcome_key = ExpandWithLabel(welcome_secret, "key", "", AEAD.Nk)
    /// ```
    /// - Throws: `KeyScheduleError.crypto` if the KDF fails.
    public static func welcomeKeyAndNonce(
        welcomeSecret: Secret, provider: some CipherSuiteProvider
    ) throws(KeyScheduleError) -> (key: [UInt8], nonce: [UInt8]) {
        try KeyScheduleError.wrapping { () throws(CryptoError) in
            let key = try provider.expandWithLabel(
                secret: welcomeSecret.bytes, label: "key", context: [], length: provider.aeadKeyLength)
            let nonce = try provider.expandWithLabel(
                secret: welcomeSecret.bytes, label: "nonce", context: [], length: provider.aeadNonceLength)
            return (key, nonce)
        }
    }
}
