/// Why a leaf node is invalid (RFC 9420 §7.2, §7.3), one case per rule.
///
/// Each case names its rule ID, used in the code and in the tests.
public enum LeafNodeValidationError: Error, Equatable, Sendable {
    /// VAL-LEAF-01: the signature does not verify under `signature_key` over the LeafNodeTBS.
    case invalidSignature
    /// VAL-LEAF-02: the source is not the one the leaf's place requires (§7.3).
    case unexpectedSource(expected: UInt8, actual: UInt8)
    /// VAL-LEAF-03: the leaf's own credential type is not in its capabilities (§7.2).
    case credentialTypeNotInCapabilities(CredentialType)
    /// VAL-LEAF-04: some current member does not support the leaf's credential type (§7.3).
    case credentialTypeNotSupportedByMembers(CredentialType)
    /// VAL-LEAF-05: the leaf does not support a credential type in use in the group (§7.3).
    case credentialTypeInUseNotSupported(CredentialType)
    /// VAL-LEAF-06: the group requires an extension type the leaf does not support (§11.1).
    case requiredExtensionNotSupported(ExtensionType)
    /// VAL-LEAF-07: the group requires a proposal type the leaf does not support (§11.1).
    case requiredProposalNotSupported(ProposalType)
    /// VAL-LEAF-08: the group requires a credential type the leaf does not support (§11.1).
    case requiredCredentialNotSupported(CredentialType)
    /// VAL-LEAF-09: a non-default extension of the leaf is not listed in its capabilities (§7.2).
    case extensionNotInCapabilities(ExtensionType)
    /// VAL-LEAF-10: the current time is outside the `key_package` lifetime (§7.3).
    case lifetimeNotCurrent(Lifetime)
    /// VAL-LEAF-11: the `key_package` lifetime is longer than the application's maximum (§7.2).
    case lifetimeTooLong(Lifetime, maximum: UInt64)
    /// VAL-LEAF-12: another node of the tree already has this encryption key (§7.3).
    case duplicateEncryptionKey
    /// VAL-LEAF-13: another leaf of the tree already has this signature key (§7.3).
    case duplicateSignatureKey
    /// VAL-LEAF-14: an Update's encryption key equals the one of the leaf it replaces (§7.3).
    case updateEncryptionKeyUnchanged
    /// VAL-LEAF-17: the capabilities do not list a non-default extension of the GroupContext (§13.4).
    case groupContextExtensionNotSupported(ExtensionType)
}
