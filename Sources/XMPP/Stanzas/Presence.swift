/// A presence stanza, RFC 6120 §8.2.2 and RFC 6121 §4.7.
public struct Presence: Stanza {
    /// The 'type' attribute, RFC 6121 §4.7.1; ``available`` is the absence of the attribute.
    public enum Kind: String, CaseIterable, Sendable {
        case available = ""
        case error, probe, subscribe, subscribed, unavailable, unsubscribe, unsubscribed
    }

    public var id: String?
    public var from: JID?
    public var to: JID?
    public var namespace: String
    /// The presence type.
    public var type: Kind
    /// The 'xml:lang' attribute.
    public var language: String?
    /// The child elements, such as `<show/>`, `<status/>` or a MUC `<x/>`, without the `<error/>`.
    public var payload: [XMLElement]
    /// The error of a presence of type error.
    public var error: StanzaError?

    /// Makes a presence.
    /// - Parameters:
    ///   - type: The presence type.
    ///   - id: The 'id' attribute.
    ///   - from: The sender.
    ///   - to: The recipient.
    ///   - payload: The child elements.
    ///   - error: The error, for type error.
    ///   - namespace: The content namespace.
    public init(
        type: Kind = .available,
        id: String? = nil,
        from: JID? = nil,
        to: JID? = nil,
        payload: [XMLElement] = [],
        error: StanzaError? = nil,
        namespace: String = XMPPNamespace.component
    ) {
        self.type = type
        self.id = id
        self.from = from
        self.to = to
        self.payload = payload
        self.error = error
        self.namespace = namespace
    }

    public init(element: XMLElement) throws(StanzaParseError) {
        let common = try StanzaCommon(element: element, name: "presence")
        let type: Kind
        if let value = common.type {
            guard !value.isEmpty, let known = Kind(rawValue: value) else { throw .invalidType(value) }
            type = known
        } else {
            type = .available
        }
        self.init(
            type: type,
            id: common.id,
            from: common.from,
            to: common.to,
            payload: common.payload,
            error: common.error,
            namespace: common.namespace
        )
        self.language = common.language
    }

    public var element: XMLElement {
        StanzaCommon.element(
            name: "presence",
            namespace: namespace,
            id: id,
            from: from,
            to: to,
            type: type == .available ? nil : type.rawValue,
            language: language,
            payload: payload,
            error: type == .error ? error : nil
        )
    }
}

extension Presence: Hashable {}
