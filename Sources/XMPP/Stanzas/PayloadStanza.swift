/// A message or a presence (RFC 6120 §8.2.1, §8.2.2): addressing, a type, a language, any number of child elements
/// and, for type error, the error. ``Message`` and ``Presence`` are its two kinds; they differ only in their element
/// name and their 'type' values (``PayloadStanzaKind``).
public struct PayloadStanza<StanzaKind: PayloadStanzaKind>: Stanza {
    /// The values of the 'type' attribute.
    public typealias Kind = StanzaKind

    public var id: String?
    public var from: JID?
    public var to: JID?
    public var namespace: String
    /// The stanza type; ``PayloadStanzaKind/unwritten`` is the absence of the attribute.
    public var type: Kind
    /// The 'xml:lang' attribute.
    public var language: String?
    /// The child elements, such as a message's `<body/>` or a presence's `<show/>`, `<status/>` or MUC `<x/>`,
    /// without the `<error/>` of an error stanza.
    public var payload: [XMLElement]
    /// The error of a stanza of type error.
    public var error: StanzaError?

    /// Makes a stanza.
    /// - Parameters:
    ///   - type: The stanza type.
    ///   - id: The 'id' attribute.
    ///   - from: The sender.
    ///   - to: The recipient.
    ///   - payload: The child elements.
    ///   - error: The error, for type error.
    ///   - namespace: The content namespace; components use `jabber:component:accept`.
    public init(
        type: Kind = .unwritten,
        id: String? = nil,
        from: JID? = nil,
        to: JID? = nil,
        payload: [XMLElement] = [],
        error: StanzaError? = nil,
        namespace: String = XMPPNamespace.component
    ) {
        self.id = id
        self.from = from
        self.to = to
        self.namespace = namespace
        self.type = type
        self.payload = payload
        self.error = error
    }

    public init(element: XMLElement) throws(StanzaParseError) {
        let common = try StanzaCommon(element: element, name: Kind.elementName)
        self.init(
            type: try Kind(attribute: common.type),
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
        element(
            named: Kind.elementName, type: type == .unwritten ? nil : type.rawValue, language: language,
            payload: payload, isError: type == .error)
    }
}

extension PayloadStanza: Hashable {}

/// The element name and the 'type' values of one kind of ``PayloadStanza``.
public protocol PayloadStanzaKind: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
    /// The stanza's element name, `message` or `presence`.
    static var elementName: String { get }
    /// The type written as no 'type' attribute.
    static var unwritten: Self { get }
    /// The type of type error, whose stanza carries an `<error/>`.
    static var error: Self { get }

    /// Reads the 'type' attribute.
    /// - Parameter attribute: The attribute's value, or `nil` when it is absent.
    /// - Throws: ``StanzaParseError/invalidType(_:)`` for a value this kind refuses.
    init(attribute: String?) throws(StanzaParseError)
}
