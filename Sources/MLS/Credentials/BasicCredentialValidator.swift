/// A validator that accepts basic credentials, optionally only those whose identity passes a predicate.
///
/// A basic credential is a bare assertion (RFC 9420 §5.3): nothing binds its identity to the signature
/// key, so this validator suits deployments where identities are vouched for by other means (for example
/// an authenticated XMPP session). Every other credential type is refused.
public struct BasicCredentialValidator: CredentialValidator {
    /// Decides whether an identity is acceptable.
    public typealias IdentityPredicate = @Sendable ([UInt8]) -> Bool

    private let isAcceptable: IdentityPredicate

    /// - Parameter isAcceptable: Returns whether an identity is acceptable; by default every identity is,
    ///   except an empty one.
    public init(isAcceptable: @escaping IdentityPredicate = { !$0.isEmpty }) {
        self.isAcceptable = isAcceptable
    }

    public func validate(_ credential: Credential, signatureKey: [UInt8], suite: CipherSuite) async
        -> CredentialValidationResult
    {
        guard case .basic(let identity) = credential else {
            return .invalid(reason: "credential type \(credential.type.rawValue) is not basic")
        }
        guard isAcceptable(identity) else { return .invalid(reason: "identity is not acceptable") }
        return .valid(identity: identity)
    }
}
