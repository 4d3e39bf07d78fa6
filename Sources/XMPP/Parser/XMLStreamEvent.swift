/// What ``XMLStreamParser`` reports as a stream arrives.
public enum XMLStreamEvent: Hashable, Sendable {
    /// The `<stream:stream>` start tag was read.
    case streamOpened(XMLStreamHeader)
    /// A complete top-level child of the stream: a stanza, or an element such as `<handshake/>` or
    /// `<stream:error/>`.
    case element(XMLElement)
    /// A top-level element broke a per-stanza limit of ``XMLStreamLimits``; it was read to its end and dropped,
    /// and the stream goes on.
    case stanzaRefused(RefusedStanza)
    /// `</stream:stream>` was read; the parser accepts nothing after it.
    case streamClosed
}

/// The attributes of a stream's root element and the content namespace it declared.
public struct XMLStreamHeader: Hashable, Sendable {
    /// The root's attributes (`to`, `from`, `id`, `version`, `xml:lang`, …) without namespace declarations.
    public var attributes: [XMLAttribute]
    /// The default namespace declared on the root, such as `jabber:component:accept`, or `nil`.
    public var contentNamespace: String?

    /// Makes a header.
    /// - Parameters:
    ///   - attributes: The root's attributes.
    ///   - contentNamespace: The default namespace declared on the root.
    public init(attributes: [XMLAttribute], contentNamespace: String?) {
        self.attributes = attributes
        self.contentNamespace = contentNamespace
    }

    /// Returns the value of an unprefixed attribute of the root.
    /// - Parameter name: The attribute name.
    /// - Returns: The value, or `nil` if absent.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name && $0.namespace == nil }?.value
    }
}
