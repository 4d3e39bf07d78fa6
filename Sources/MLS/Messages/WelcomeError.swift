/// Why a Welcome cannot be opened or its GroupInfo is not authentic (RFC 9420 §12.4.3.1).
///
/// Every case but `keySchedule` describes invalid peer input or a missing PSK. Opening a Welcome
/// changes no state, so a failure leaves the caller as it was.
public enum WelcomeError: Error, Equatable, Sendable {
    /// VAL-WELCOME-01: the Welcome's cipher suite is not the key package's.
    case cipherSuiteMismatch(welcome: CipherSuite, keyPackage: CipherSuite)
    /// VAL-WELCOME-02: no entry of `secrets` names this key package.
    case noSecretsForKeyPackage
    /// VAL-WELCOME-03: `encrypted_group_secrets` does not decrypt with the init private key.
    case groupSecretsDecryptionFailed
    /// VAL-WELCOME-04: the decrypted GroupSecrets is not well formed.
    case malformedGroupSecrets(CodecError)
    /// VAL-WELCOME-05: the GroupSecrets lists a PSK the client does not have.
    case missingPSK(PreSharedKeyID)
    /// VAL-WELCOME-06: more than one resumption PSK with usage `reinit` or `branch`.
    case multipleReinitOrBranchPSKs
    /// VAL-WELCOME-07: `encrypted_group_info` does not decrypt with the welcome key and nonce.
    case groupInfoDecryptionFailed
    /// VAL-WELCOME-08: the decrypted GroupInfo is not well formed.
    case malformedGroupInfo(CodecError)
    /// VAL-WELCOME-09: the GroupInfo's cipher suite is not the key package's.
    case groupInfoCipherSuiteMismatch(groupInfo: CipherSuite, keyPackage: CipherSuite)
    /// VAL-WELCOME-10: the GroupInfo signature does not verify under the signer's key.
    case invalidGroupInfoSignature
    /// VAL-WELCOME-11: the confirmation tag is not `MAC(confirmation_key, confirmed_transcript_hash)`.
    case invalidConfirmationTag
    /// The key schedule could not run (a KDF failure or too many PSKs).
    case keySchedule(KeyScheduleError)
}
