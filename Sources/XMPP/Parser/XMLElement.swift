/// An XML element as a value: a namespace-qualified name, attributes and children.
///
/// Names are resolved as XML Namespaces requires, so `<x:body xmlns:x='jabber:client'/>` and
/// `<body xmlns='jabber:client'/>` are equal values. Prefixes are not kept; ``XMLSerializer`` chooses them.
/// Adjacent text children are merged when added through ``append(text:)``.
public struct XMLElement: Sendable {
    /// The local name, without any prefix.
    public var name: String
    /// The namespace URI, or `nil` for an element in no namespace.
    public var namespace: String?
    /// The attributes in document order.
    public var attributes: [XMLAttribute]
    /// The children in document order.
    public var children: [XMLNode]

    /// Makes an element.
    /// - Parameters:
    ///   - name: The local name.
    ///   - namespace: The namespace URI; an empty string means no namespace.
    ///   - attributes: The attributes in order.
    ///   - children: The children in order.
    public init(
        name: String,
        namespace: String? = nil,
        attributes: [XMLAttribute] = [],
        children: [XMLNode] = []
    ) {
        self.name = name
        self.namespace = namespace?.isEmpty == true ? nil : namespace
        self.attributes = attributes
        self.children = children
    }

    /// Makes an element whose only child is the given text.
    /// - Parameters:
    ///   - name: The local name.
    ///   - namespace: The namespace URI.
    ///   - attributes: The attributes in order.
    ///   - text: The character data.
    public init(name: String, namespace: String? = nil, attributes: [XMLAttribute] = [], text: String) {
        self.init(name: name, namespace: namespace, attributes: attributes, children: text.isEmpty ? [] : [.text(text)])
    }

    /// The child elements, skipping text.
    public var elements: [XMLElement] {
        children.compactMap { node in
            if case .element(let element) = node { return element }
            return nil
        }
    }

    /// The concatenated text children (not descendants).
    public var text: String {
        var result = ""
        for case .text(let text) in children {
            result += text
        }
        return result
    }

    /// Returns the first child element with the given name and namespace.
    /// - Parameters:
    ///   - name: The local name to look for.
    ///   - namespace: The namespace URI to match; `nil` matches elements in no namespace.
    /// - Returns: The first matching child element, or `nil`.
    public func child(named name: String, namespace: String?) -> XMLElement? {
        let namespace = namespace?.isEmpty == true ? nil : namespace
        return elements.first { $0.name == name && $0.namespace == namespace }
    }

    /// Returns the value of an attribute.
    /// - Parameters:
    ///   - name: The local name.
    ///   - namespace: The attribute's namespace URI; `nil` (the default) for an unprefixed attribute.
    /// - Returns: The value, or `nil` if the attribute is absent.
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        let namespace = namespace?.isEmpty == true ? nil : namespace
        return attributes.first { $0.name == name && $0.namespace == namespace }?.value
    }

    /// Sets, replaces or removes an attribute, keeping the position of an existing one.
    /// - Parameters:
    ///   - name: The local name.
    ///   - namespace: The attribute's namespace URI.
    ///   - value: The new value, or `nil` to remove the attribute.
    public mutating func setAttribute(_ name: String, namespace: String? = nil, to value: String?) {
        let namespace = namespace?.isEmpty == true ? nil : namespace
        let index = attributes.firstIndex { $0.name == name && $0.namespace == namespace }
        switch (index, value) {
        case (let index?, let value?):
            attributes[index].value = value
        case (let index?, nil):
            attributes.remove(at: index)
        case (nil, let value?):
            attributes.append(XMLAttribute(name: name, namespace: namespace, value: value))
        case (nil, nil):
            break
        }
    }

    /// Appends a child element.
    /// - Parameter element: The child.
    public mutating func append(_ element: XMLElement) {
        children.append(.element(element))
    }

    /// Appends text, merging it into a preceding text child.
    /// - Parameter text: The character data; empty text is ignored.
    public mutating func append(text: String) {
        guard !text.isEmpty else { return }
        if case .text(let previous) = children.last {
            children[children.count - 1] = .text(previous + text)
        } else {
            children.append(.text(text))
        }
    }
}

extension XMLElement: Hashable {}

extension XMLElement: CustomStringConvertible {
    /// The element serialized with ``XMLSerializer`` and no enclosing namespace.
    public var description: String {
        XMLSerializer().serialize(self)
    }
}
