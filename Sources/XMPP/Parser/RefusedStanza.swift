/// A stanza the parser dropped for breaking a per-stanza limit, reduced to what is needed to answer its sender.
public struct RefusedStanza: Hashable, Sendable {
    /// The attributes kept in ``head``: the addresses, the id, the type and `xml:lang` (RFC 6120 §8.1, §8.3.1).
    static let keptAttributes: Set<String> = ["from", "to", "id", "type"]

    /// The stanza's start tag without its content: its name and namespace, and only the attributes an error reply
    /// needs, so that a refused stanza costs no more memory than a small one.
    public var head: XMLElement
    /// The limit it broke.
    public var violation: StanzaLimitViolation

    /// Makes the record of a refused stanza from its start tag.
    /// - Parameters:
    ///   - startTag: The top-level element as it was opened; its children are not read.
    ///   - violation: The limit it broke.
    public init(startTag: XMLElement, violation: StanzaLimitViolation) {
        let kept = startTag.attributes.filter { attribute in
            attribute.namespace == nil
                ? Self.keptAttributes.contains(attribute.name)
                : attribute.namespace == XMLSerializer.xmlNamespace && attribute.name == "lang"
        }
        self.head = XMLElement(name: startTag.name, namespace: startTag.namespace, attributes: kept)
        self.violation = violation
    }
}
