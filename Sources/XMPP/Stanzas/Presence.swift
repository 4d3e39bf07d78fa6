/// A presence stanza, RFC 6120 §8.2.2 and RFC 6121 §4.7.
public typealias Presence = PayloadStanza<PresenceKind>

/// The 'type' attribute of a presence, RFC 6121 §4.7.1; ``available`` is the absence of the attribute.
public enum PresenceKind: String, PayloadStanzaKind {
    case available = ""
    case error, probe, subscribe, subscribed, unavailable, unsubscribe, unsubscribed

    public static var elementName: String { "presence" }
    public static var unwritten: PresenceKind { .available }

    /// A missing 'type' reads as ``available``; an empty or unknown one is refused.
    public init(attribute: String?) throws(StanzaParseError) {
        guard let value = attribute else {
            self = .available
            return
        }
        guard !value.isEmpty, let known = Self(rawValue: value) else { throw .invalidType(value) }
        self = known
    }
}
