/// The defined conditions of stanza errors, RFC 6120 §8.3.3, each with the error type the RFC suggests.
public enum StanzaErrorCondition: String, CaseIterable, Sendable {
    /// §8.3.3.1
    case badRequest = "bad-request"
    /// §8.3.3.2
    case conflict = "conflict"
    /// §8.3.3.3
    case featureNotImplemented = "feature-not-implemented"
    /// §8.3.3.4
    case forbidden = "forbidden"
    /// §8.3.3.5
    case gone = "gone"
    /// §8.3.3.6
    case internalServerError = "internal-server-error"
    /// §8.3.3.7
    case itemNotFound = "item-not-found"
    /// §8.3.3.8
    case jidMalformed = "jid-malformed"
    /// §8.3.3.9
    case notAcceptable = "not-acceptable"
    /// §8.3.3.10
    case notAllowed = "not-allowed"
    /// §8.3.3.11
    case notAuthorized = "not-authorized"
    /// §8.3.3.12
    case policyViolation = "policy-violation"
    /// §8.3.3.13
    case recipientUnavailable = "recipient-unavailable"
    /// §8.3.3.14
    case redirect = "redirect"
    /// §8.3.3.15
    case registrationRequired = "registration-required"
    /// §8.3.3.16
    case remoteServerNotFound = "remote-server-not-found"
    /// §8.3.3.17
    case remoteServerTimeout = "remote-server-timeout"
    /// §8.3.3.18
    case resourceConstraint = "resource-constraint"
    /// §8.3.3.19
    case serviceUnavailable = "service-unavailable"
    /// §8.3.3.20
    case subscriptionRequired = "subscription-required"
    /// §8.3.3.21
    case undefinedCondition = "undefined-condition"
    /// §8.3.3.22
    case unexpectedRequest = "unexpected-request"

    /// The error type RFC 6120 §8.3.3 gives or shows for this condition.
    public var defaultType: StanzaError.ErrorType {
        switch self {
        case .badRequest, .jidMalformed, .notAcceptable, .policyViolation, .redirect: .modify
        case .forbidden, .notAuthorized, .registrationRequired, .subscriptionRequired: .auth
        case .recipientUnavailable, .remoteServerTimeout, .resourceConstraint, .unexpectedRequest: .wait
        case .conflict, .featureNotImplemented, .gone, .internalServerError, .itemNotFound, .notAllowed,
            .remoteServerNotFound, .serviceUnavailable, .undefinedCondition:
            .cancel
        }
    }
}
