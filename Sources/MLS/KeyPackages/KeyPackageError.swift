/// Why a KeyPackage cannot be created or is invalid (RFC 9420 §10, §10.1), one case per rule.
public enum KeyPackageError: Error, Equatable, Sendable {
    /// VAL-KP-01: the version is not the one in use, mls10 (§10.1).
    case unsupportedVersion(ProtocolVersion)
    /// VAL-KP-02: the cipher suite is not the expected one (§10.1).
    case cipherSuiteMismatch(expected: CipherSuite, actual: CipherSuite)
    /// VAL-KP-03: the signature does not verify under the leaf's `signature_key` over KeyPackageTBS (§10).
    case invalidSignature
    /// VAL-KP-04: the leaf node is not valid for a KeyPackage (§7.3); the cause says which rule failed.
    case invalidLeafNode(LeafNodeValidationError)
    /// VAL-KP-05: `init_key` equals the leaf's `encryption_key` (§10.1).
    case initKeyEqualsEncryptionKey
    /// Creation only: the capabilities do not list mls10 and the key package's own cipher suite. §7.2: "The
    /// client MUST list all values for the respective parameters that it supports"; §10: a KeyPackage names "a
    /// protocol version and cipher suite that the client supports". Never raised for a received key package.
    case capabilitiesOmitOwnSuite(CipherSuite)
    /// Creation only: a non-default KeyPackage extension is not listed in the leaf's capabilities. §10:
    /// "Extensions included in the `extensions` or `leaf_node.extensions` fields MUST be included in the
    /// `leaf_node.capabilities` field." Never raised for a received key package, whose unknown extensions
    /// "MUST be ignored" (§10).
    case extensionNotInCapabilities(ExtensionType)
    /// A cryptographic operation failed while creating a key package (caller input such as a bad key).
    case crypto(CryptoError)
}
