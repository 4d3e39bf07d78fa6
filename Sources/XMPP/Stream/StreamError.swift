/// A stream error, RFC 6120 §4.9: sent as the last element before `</stream:stream>`.
///
/// ```text
/// <stream:error>
///   <not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>
///   <text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>optional description</text>
/// </stream:error>
/// ```
public struct StreamError: Error, Sendable {
    /// The defined condition.
    public var condition: StreamErrorCondition
    /// A description for debugging and logs.
    public var text: String?

    /// Makes a stream error.
    /// - Parameters:
    ///   - condition: The defined condition.
    ///   - text: A description.
    public init(_ condition: StreamErrorCondition, text: String? = nil) {
        self.condition = condition
        self.text = text
    }

    /// Makes the stream error to send when the parser refused the peer's stream.
    /// - Parameter parserError: The parser's error.
    public init(_ parserError: XMLStreamError) {
        self.init(parserError.condition, text: "\(parserError)")
    }

    /// Reads a `<stream:error/>` received from the peer.
    /// - Parameter element: A top-level element.
    /// - Returns: `nil` if the element is not a stream error; an unknown condition reads as
    ///   ``StreamErrorCondition/undefinedCondition``.
    public init?(element: XMLElement) {
        guard element.name == "error", element.namespace == XMPPNamespace.stream else { return nil }
        let defined = element.elements.filter { $0.namespace == XMPPNamespace.streamErrors && $0.name != "text" }
        self.condition = defined.lazy.compactMap { StreamErrorCondition(rawValue: $0.name) }.first ?? .undefinedCondition
        self.text = element.child(named: "text", namespace: XMPPNamespace.streamErrors)?.text
    }

    /// The `<stream:error/>` element.
    public var element: XMLElement {
        var error = XMLElement(name: "error", namespace: XMPPNamespace.stream)
        error.append(XMLElement(name: condition.rawValue, namespace: XMPPNamespace.streamErrors))
        if let text {
            error.append(XMLElement(name: "text", namespace: XMPPNamespace.streamErrors, text: text))
        }
        return error
    }

    /// The error as XML text for a stream whose root declared the `stream` prefix.
    /// - Parameter contentNamespace: The stream's default namespace.
    /// - Returns: `<stream:error>…</stream:error>`.
    public func serialized(contentNamespace: String = XMPPNamespace.component) -> String {
        XMLSerializer(defaultNamespace: contentNamespace, prefixes: [XMPPNamespace.stream: "stream"]).serialize(element)
    }
}

extension StreamError: Hashable {}
