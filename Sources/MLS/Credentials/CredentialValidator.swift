/// The Authentication Service hook: decides whether a credential legitimately binds its presented
/// identity to a signature key (RFC 9420 §5.3.1; RFC 9750 §6.5).
///
/// A group applies one validator in the same way to every credential that enters it: in KeyPackages,
/// Add and Update proposals, UpdatePath leaves, the tree of a group being joined, and external senders.
/// Checking that a new credential is an acceptable successor of a member's old one is the group's policy
/// and is not part of this protocol.
public protocol CredentialValidator: Sendable {
    /// Validates `credential` as the credential of a leaf whose signature key is `signatureKey`.
    ///
    /// - Parameters:
    ///   - credential: The credential to check.
    ///   - signatureKey: The `signature_key` of the leaf (or external sender) that carries it, in the
    ///     format of `suite` (§5.1.1: raw Ed25519/Ed448 keys, uncompressed ECDSA points).
    ///   - suite: The group's cipher suite, which fixes the signature scheme.
    /// - Returns: `.valid(identity:)` with the presented identity, or `.invalid(reason:)`.
    func validate(_ credential: Credential, signatureKey: [UInt8], suite: CipherSuite) async
        -> CredentialValidationResult
}
