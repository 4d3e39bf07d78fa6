/// A stanza error, RFC 6120 §8.3, and the one helper that turns a stanza into its error reply.
///
/// ```text
/// <error type='cancel' by='gw.example'>
///   <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
///   <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>optional description</text>
///   <application-specific xmlns='…'/>
/// </error>
/// ```
public struct StanzaError: Error, Sendable {
    /// How the sender may react, RFC 6120 §8.3.2.
    public enum ErrorType: String, CaseIterable, Sendable {
        /// Retry after providing credentials.
        case auth
        /// Do not retry: the error cannot be remedied.
        case cancel
        /// Proceed: the condition was only a warning.
        case `continue`
        /// Retry after changing the data sent.
        case modify
        /// Retry after waiting: the error is temporary.
        case wait
    }

    /// The error type.
    public var type: ErrorType
    /// The defined condition.
    public var condition: StanzaErrorCondition
    /// A human-readable description, for debugging rather than for display.
    public var text: String?
    /// The entity that generated the error, when not the stanza's addressee.
    public var by: JID?
    /// An application-specific condition element, in its own namespace.
    public var applicationCondition: XMLElement?

    /// Makes a stanza error.
    /// - Parameters:
    ///   - condition: The defined condition.
    ///   - type: The error type; by default the one RFC 6120 suggests for the condition.
    ///   - text: A description for debugging.
    ///   - by: The entity that generated the error.
    ///   - applicationCondition: An application-specific condition element.
    public init(
        _ condition: StanzaErrorCondition,
        type: ErrorType? = nil,
        text: String? = nil,
        by: JID? = nil,
        applicationCondition: XMLElement? = nil
    ) {
        self.type = type ?? condition.defaultType
        self.condition = condition
        self.text = text
        self.by = by
        self.applicationCondition = applicationCondition
    }

    /// Reads an `<error/>` child of an error stanza.
    /// - Parameter element: The `<error/>` element.
    /// - Throws: ``StanzaParseError/invalidErrorElement`` without a valid type or defined condition;
    ///   ``StanzaParseError/invalidAddress(attribute:_:)`` for a bad 'by'.
    public init(element: XMLElement) throws(StanzaParseError) {
        guard element.name == "error",
            let type = element.attribute("type").flatMap(ErrorType.init(rawValue:))
        else { throw .invalidErrorElement }
        let defined = element.elements.filter { $0.namespace == XMPPNamespace.stanzaErrors }
        guard let condition = defined.lazy.compactMap({ StanzaErrorCondition(rawValue: $0.name) }).first else {
            throw .invalidErrorElement
        }
        self.type = type
        self.condition = condition
        self.text = element.child(named: "text", namespace: XMPPNamespace.stanzaErrors)?.text
        if let by = element.attribute("by") {
            do throws(JIDError) {
                self.by = try JID(by)
            } catch {
                throw .invalidAddress(attribute: "by", error)
            }
        } else {
            self.by = nil
        }
        self.applicationCondition = element.elements.first { $0.namespace != XMPPNamespace.stanzaErrors }
    }

    /// The `<error/>` element.
    /// - Parameter namespace: The stanza's content namespace, which the `<error/>` element shares.
    /// - Returns: The element.
    public func element(namespace: String) -> XMLElement {
        var error = XMLElement(name: "error", namespace: namespace, attributes: [XMLAttribute(name: "type", value: type.rawValue)])
        if let by { error.setAttribute("by", to: by.description) }
        error.append(XMLElement(name: condition.rawValue, namespace: XMPPNamespace.stanzaErrors))
        if let text {
            error.append(XMLElement(name: "text", namespace: XMPPNamespace.stanzaErrors, text: text))
        }
        if let applicationCondition { error.append(applicationCondition) }
        return error
    }

    /// The error reply to a stanza that is not handled, when its sender waits for one: IQ gets and sets (RFC 6120
    /// §8.2.3), messages and available presences; `nil` for results, errors and other presences, which are
    /// dropped unanswered.
    /// - Parameter stanza: The stanza not handled.
    /// - Returns: The reply, or `nil`.
    public func replyIfAwaited(to stanza: XMLElement) -> XMLElement? {
        let type = stanza.attribute("type")
        let awaited =
            switch stanza.name {
            case "iq": type == "get" || type == "set"
            case "message": type != "error"
            case "presence": type == nil
            default: false
            }
        return awaited ? reply(to: stanza) : nil
    }

    /// Makes the error reply to a stanza: same name and namespace, 'from' and 'to' swapped, 'id' and 'xml:lang'
    /// kept, 'type' set to error, and this error as a child (RFC 6120 §8.3.1).
    /// - Parameters:
    ///   - stanza: The stanza being answered.
    ///   - includingOriginal: Whether to copy the stanza's child elements into the reply, as §8.3.1 allows.
    /// - Returns: The reply, or `nil` when the stanza is itself an error, which §8.3.1 forbids answering.
    public func reply(to stanza: XMLElement, includingOriginal: Bool = false) -> XMLElement? {
        guard stanza.attribute("type") != "error" else { return nil }
        var reply = XMLElement(name: stanza.name, namespace: stanza.namespace)
        reply.setAttribute("from", to: stanza.attribute("to"))
        reply.setAttribute("to", to: stanza.attribute("from"))
        reply.setAttribute("id", to: stanza.attribute("id"))
        reply.setAttribute("type", to: "error")
        let language = stanza.attribute("lang", namespace: XMLSerializer.xmlNamespace)
        reply.setAttribute("lang", namespace: XMLSerializer.xmlNamespace, to: language)
        if includingOriginal {
            for child in stanza.elements { reply.append(child) }
        }
        reply.append(element(namespace: stanza.namespace ?? XMPPNamespace.component))
        return reply
    }
}

extension StanzaError: Hashable {}
