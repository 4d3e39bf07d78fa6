/// One attribute of an ``XMLElement``: a local name, an optional namespace URI and a value.
///
/// Namespace declarations (`xmlns`, `xmlns:p`) are never attributes: the parser resolves them and the serializer
/// writes them as needed. Unprefixed attributes have no namespace (XML Namespaces §6.2).
public struct XMLAttribute: Sendable {
    /// The local name, without any prefix.
    public var name: String
    /// The namespace URI, or `nil` for an attribute in no namespace.
    public var namespace: String?
    /// The attribute value, with entity and character references already replaced.
    public var value: String

    /// Makes an attribute.
    /// - Parameters:
    ///   - name: The local name.
    ///   - namespace: The namespace URI; an empty string means no namespace.
    ///   - value: The value.
    public init(name: String, namespace: String? = nil, value: String) {
        self.name = name
        self.namespace = namespace?.isEmpty == true ? nil : namespace
        self.value = value
    }
}

extension XMLAttribute: Hashable {}
