/// The XMPP stanza error condition (RFC 6120 §8.3.3) a refused request maps to.
///
/// The Delivery Service knows nothing of XML; the XMPP face turns this into the `<error/>` element.
public enum StanzaErrorCondition: String, Hashable, Sendable {
    case badRequest = "bad-request"
    case itemNotFound = "item-not-found"
    case resourceConstraint = "resource-constraint"
    case conflict = "conflict"
    case notAcceptable = "not-acceptable"
    case unexpectedRequest = "unexpected-request"
    case notAllowed = "not-allowed"
    case internalServerError = "internal-server-error"
}
