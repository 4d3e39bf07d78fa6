/// The Authentication Service's answer about one credential (RFC 9420 §5.3.1, RFC 9750 §6.5).
///
/// Refusal is an expected outcome, so it is a value rather than a thrown error.
public enum CredentialValidationResult: Hashable, Sendable {
    /// The credential is valid for its signature key and presents this identity.
    case valid(identity: [UInt8])
    /// The credential is not acceptable, for the reason given.
    case invalid(reason: String)

    /// Whether the result is `valid`.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }
}
