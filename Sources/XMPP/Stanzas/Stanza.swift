/// What message, presence and IQ stanzas share (RFC 6120 §8.1): addressing, an id, a content namespace and a
/// conversion to and from ``XMLElement``.
public protocol Stanza: Sendable {
    /// The 'id' attribute.
    var id: String? { get set }
    /// The 'from' address.
    var from: JID? { get set }
    /// The 'to' address.
    var to: JID? { get set }
    /// The content namespace the stanza is in, such as `jabber:component:accept`.
    var namespace: String { get set }
    /// The error carried by a stanza of type error.
    var error: StanzaError? { get }

    /// Reads and validates a stanza.
    /// - Parameter element: A top-level element of the stream.
    /// - Throws: ``StanzaParseError`` when the element is not a valid stanza of this kind.
    init(element: XMLElement) throws(StanzaParseError)

    /// The stanza as an element.
    var element: XMLElement { get }
}

extension Stanza {
    /// Makes the error reply to this stanza with ``StanzaError/reply(to:includingOriginal:)``.
    /// - Parameters:
    ///   - error: The error to return.
    ///   - includingOriginal: Whether to copy the stanza's payload into the reply.
    /// - Returns: The reply, or `nil` if this stanza is itself an error.
    public func errorReply(_ error: StanzaError, includingOriginal: Bool = false) -> XMLElement? {
        error.reply(to: element, includingOriginal: includingOriginal)
    }
}

extension Stanza {
    /// Writes this stanza as an element named `name`: the common attributes, `payload`, then the error if `isError`.
    func element(named name: String, type: String?, language: String?, payload: [XMLElement], isError: Bool)
        -> XMLElement
    {
        StanzaCommon.element(
            name: name, namespace: namespace, id: id, from: from, to: to, type: type, language: language,
            payload: payload, error: isError ? error : nil)
    }
}

/// The attributes and error child every stanza kind reads the same way.
struct StanzaCommon {
    var id: String?
    var from: JID?
    var to: JID?
    var type: String?
    var language: String?
    var namespace: String
    var error: StanzaError?
    /// Child elements other than the `<error/>` of an error stanza.
    var payload: [XMLElement]

    /// Reads the common parts of a stanza named `name`.
    init(element: XMLElement, name: String) throws(StanzaParseError) {
        guard element.name == name, let namespace = element.namespace,
            XMPPNamespace.contentNamespaces.contains(namespace)
        else { throw .unexpectedElement(name: element.name, namespace: element.namespace) }
        self.namespace = namespace
        self.id = element.attribute("id")
        self.type = element.attribute("type")
        self.language = element.attribute("lang", namespace: XMLSerializer.xmlNamespace)
        self.from = try Self.address(element, "from")
        self.to = try Self.address(element, "to")
        var payload = element.elements
        if type == "error" {
            guard let index = payload.firstIndex(where: { $0.name == "error" && $0.namespace == namespace }) else {
                throw .invalidErrorElement
            }
            self.error = try StanzaError(element: payload.remove(at: index))
        }
        self.payload = payload
    }

    private static func address(_ element: XMLElement, _ attribute: String) throws(StanzaParseError) -> JID? {
        guard let value = element.attribute(attribute) else { return nil }
        do throws(JIDError) {
            return try JID(value)
        } catch {
            throw .invalidAddress(attribute: attribute, error)
        }
    }

    /// Writes a stanza element with the common attributes, the payload, then the error.
    static func element(
        name: String,
        namespace: String,
        id: String?,
        from: JID?,
        to: JID?,
        type: String?,
        language: String?,
        payload: [XMLElement],
        error: StanzaError?
    ) -> XMLElement {
        var element = XMLElement(name: name, namespace: namespace)
        element.setAttribute("from", to: from?.description)
        element.setAttribute("to", to: to?.description)
        element.setAttribute("id", to: id)
        element.setAttribute("type", to: type)
        element.setAttribute("lang", namespace: XMLSerializer.xmlNamespace, to: language)
        for child in payload { element.append(child) }
        if let error { element.append(error.element(namespace: namespace)) }
        return element
    }
}
