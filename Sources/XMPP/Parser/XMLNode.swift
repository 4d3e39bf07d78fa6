/// A child of an ``XMLElement``: another element or a run of character data.
public enum XMLNode: Sendable {
    /// A child element.
    case element(XMLElement)
    /// Character data, with references replaced; CDATA sections arrive as plain text.
    case text(String)
}

extension XMLNode: Hashable {}
