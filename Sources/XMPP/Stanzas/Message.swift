/// A message stanza, RFC 6120 §8.2.1 and RFC 6121 §5.
public struct Message: Stanza {
    /// The 'type' attribute, RFC 6121 §5.2.2.
    public enum Kind: String, CaseIterable, Sendable {
        case chat, error, groupchat, headline, normal
    }

    public var id: String?
    public var from: JID?
    public var to: JID?
    public var namespace: String
    /// The message type; a missing or unknown 'type' reads as ``Kind/normal`` (RFC 6121 §5.2.2).
    public var type: Kind
    /// The 'xml:lang' attribute.
    public var language: String?
    /// The child elements, such as `<body/>` and extension payloads, without the `<error/>` of an error message.
    public var payload: [XMLElement]
    /// The error of a message of type error.
    public var error: StanzaError?

    /// Makes a message.
    /// - Parameters:
    ///   - type: The message type.
    ///   - id: The 'id' attribute.
    ///   - from: The sender.
    ///   - to: The recipient.
    ///   - payload: The child elements.
    ///   - error: The error, for type error.
    ///   - namespace: The content namespace; components use `jabber:component:accept`.
    public init(
        type: Kind = .normal,
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
        let common = try StanzaCommon(element: element, name: "message")
        self.init(
            type: common.type.flatMap(Kind.init(rawValue:)) ?? .normal,
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
            name: "message",
            namespace: namespace,
            id: id,
            from: from,
            to: to,
            type: type == .normal ? nil : type.rawValue,
            language: language,
            payload: payload,
            error: type == .error ? error : nil
        )
    }

    /// The text of the first `<body/>` in the content namespace.
    public var body: String? {
        payload.first { $0.name == "body" && $0.namespace == namespace }?.text
    }
}

extension Message: Hashable {}
