/// The secrets derived from one epoch's `epoch_secret` (RFC 9420 §8, "Epoch-Derived Secrets").
///
/// ```text
/// epoch_secret
///     +--> DeriveSecret(., <label>) = <secret>
///     V
/// DeriveSecret(., "init") = init_secret_[n]
/// ```
///
/// Each secret is `KDF.Nh` bytes, held as a ``Secret``: compared in constant time, printed redacted.
public struct EpochSecrets: Equatable, Sendable {
    /// `"sender data"`: keys that encrypt PrivateMessage sender data (§6.3.2).
    public var senderDataSecret: Secret
    /// `"encryption"`: the root of the secret tree (§9).
    public var encryptionSecret: Secret
    /// `"exporter"`: the input of `MLS-Exporter` (§8.5).
    public var exporterSecret: Secret
    /// `"external"`: seeds the group's external HPKE key pair (§8.3).
    public var externalSecret: Secret
    /// `"confirm"`: the key of the Commit's confirmation tag (§6.1).
    public var confirmationKey: Secret
    /// `"membership"`: the key of a PublicMessage's membership tag (§6.2).
    public var membershipKey: Secret
    /// `"resumption"`: this epoch's resumption PSK (§8.6).
    public var resumptionPSK: Secret
    /// `"authentication"`: lets members confirm they share a view of the group (§8.7).
    public var epochAuthenticator: Secret
    /// `"init"`: the `init_secret` the next epoch starts from.
    public var initSecret: Secret

    public init(
        senderDataSecret: Secret,
        encryptionSecret: Secret,
        exporterSecret: Secret,
        externalSecret: Secret,
        confirmationKey: Secret,
        membershipKey: Secret,
        resumptionPSK: Secret,
        epochAuthenticator: Secret,
        initSecret: Secret
    ) {
        self.senderDataSecret = senderDataSecret
        self.encryptionSecret = encryptionSecret
        self.exporterSecret = exporterSecret
        self.externalSecret = externalSecret
        self.confirmationKey = confirmationKey
        self.membershipKey = membershipKey
        self.resumptionPSK = resumptionPSK
        self.epochAuthenticator = epochAuthenticator
        self.initSecret = initSecret
    }

    /// Derives every secret of the epoch from `epoch_secret` (§8).
    /// - Parameters:
    ///   - epochSecret: `ExpandWithLabel(member_secret, "epoch", GroupContext_[n], KDF.Nh)`.
    ///   - provider: the group's cipher suite.
    /// - Throws: `KeyScheduleError.crypto` if the KDF fails.
    public init(epochSecret: [UInt8], provider: some CipherSuiteProvider) throws(KeyScheduleError) {
        func derive(_ label: String) throws(KeyScheduleError) -> Secret {
            Secret(
                try KeyScheduleError.wrapping { () throws(CryptoError) in
                    try provider.deriveSecret(secret: epochSecret, label: label)
                })
        }
        self.init(
            senderDataSecret: try derive("sender data"),
            encryptionSecret: try derive("encryption"),
            exporterSecret: try derive("exporter"),
            externalSecret: try derive("external"),
            confirmationKey: try derive("confirm"),
            membershipKey: try derive("membership"),
            resumptionPSK: try derive("resumption"),
            epochAuthenticator: try derive("authentication"),
            initSecret: try derive("init")
        )
    }

    /// §8.5: `MLS-Exporter(Label, Context, Length)`.
    ///
    /// ```text
    /// MLS-Exporter(Label, Context, Length) =
    ///     ExpandWithLabel(DeriveSecret(exporter_secret, Label), "exported", Hash(Context), Length)
    /// ```
    /// - Parameters:
    ///   - label: names the secret's purpose; `"MLS 1.0 "` is prefixed as for every MLS label.
    ///   - context: application data the secret is bound to.
    ///   - length: output length in bytes, at most 65535.
    ///   - provider: the group's cipher suite.
    /// - Returns: `length` bytes bound to this epoch.
    /// - Throws: `KeyScheduleError.crypto(.invalidOutputLength)` for a length the KDF cannot produce.
    public func export(
        label: String, context: [UInt8], length: Int, provider: some CipherSuiteProvider
    ) throws(KeyScheduleError) -> [UInt8] {
        try KeyScheduleError.wrapping { () throws(CryptoError) in
            let derived = try provider.deriveSecret(secret: exporterSecret.bytes, label: label)
            return try provider.expandWithLabel(
                secret: derived, label: "exported", context: provider.hash(context), length: length)
        }
    }

    /// §8: `external_priv, external_pub = KEM.DeriveKeyPair(external_secret)`.
    ///
    /// The public key is published in GroupInfo's `external_pub` extension so that
    /// non-members can join by external Commit (§8.3, §12.4.3.2).
    /// - Parameter provider: the group's cipher suite.
    /// - Throws: `KeyScheduleError.crypto` if key derivation fails.
    public func externalKeyPair(provider: some CipherSuiteProvider) throws(KeyScheduleError) -> HPKEKeyPair {
        try KeyScheduleError.wrapping { () throws(CryptoError) in
            try provider.deriveHPKEKeyPair(ikm: externalSecret.bytes)
        }
    }
}
