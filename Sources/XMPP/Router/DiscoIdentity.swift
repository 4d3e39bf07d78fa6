/// A XEP-0030 identity: what kind of entity answers disco#info.
///
/// ```text
/// <identity category='component' type='generic' name='MLSGate'/>
/// ```
public struct DiscoIdentity: Hashable, Sendable {
    /// The category from the XMPP registry, such as `component` or `conference`.
    public var category: String
    /// The type within the category, such as `generic` or `text`.
    public var type: String
    /// A human-readable name.
    public var name: String?

    /// Makes an identity.
    /// - Parameters:
    ///   - category: The registry category.
    ///   - type: The registry type.
    ///   - name: A human-readable name.
    public init(category: String, type: String, name: String? = nil) {
        self.category = category
        self.type = type
        self.name = name
    }

    /// The `<identity/>` element.
    public var element: XMLElement {
        var element = XMLElement(name: "identity", namespace: XMPPNamespace.discoInfo)
        element.setAttribute("category", to: category)
        element.setAttribute("type", to: type)
        element.setAttribute("name", to: name)
        return element
    }
}
