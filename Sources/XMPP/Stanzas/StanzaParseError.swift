/// Why an ``XMLElement`` is not a valid stanza of the requested kind.
public enum StanzaParseError: Error, Hashable, Sendable {
    /// The element's name or namespace is not the stanza's (RFC 6120 §8).
    case unexpectedElement(name: String, namespace: String?)
    /// A 'type' value the stanza kind does not define (§8.2.3 for IQ; RFC 6121 §4.7.1 for presence).
    case invalidType(String)
    /// A 'to' or 'from' attribute that is not a valid JID.
    case invalidAddress(attribute: String, JIDError)
    /// An IQ without the 'id' attribute it must have (§8.2.3).
    case missingID
    /// An IQ of type get or set without exactly one child, or a result with more than one (§8.2.3).
    case invalidIQPayload(childCount: Int)
    /// A stanza of type error without a valid `<error/>` child (§8.3.1), or an `<error/>` without a defined
    /// condition or valid type (§8.3.2).
    case invalidErrorElement

    /// The stanza error to answer with, if the stanza can be answered at all.
    public var stanzaErrorCondition: StanzaErrorCondition {
        switch self {
        case .invalidAddress: .jidMalformed
        default: .badRequest
        }
    }
}
