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
    /// VAL-KP-06: a non-default KeyPackage extension is not listed in the leaf's capabilities (§10).
    case extensionNotInCapabilities(ExtensionType)
    /// A cryptographic operation failed while creating a key package (caller input such as a bad key).
    case crypto(CryptoError)
}
