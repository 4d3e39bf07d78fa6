/// The name and version XEP-0092 reports; the product running the component supplies its own.
public struct SoftwareVersion: Hashable, Sendable {
    /// The software's name.
    public var name: String
    /// The software's version.
    public var version: String

    /// Makes a software version.
    /// - Parameters:
    ///   - name: The name.
    ///   - version: The version.
    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    /// The `<query xmlns='jabber:iq:version'/>` result payload; the operating system is left out on purpose, as
    /// XEP-0092 §3 allows, so the host is not disclosed.
    public var element: XMLElement {
        var query = XMLElement(name: "query", namespace: XMPPNamespace.version)
        query.append(XMLElement(name: "name", namespace: XMPPNamespace.version, text: name))
        query.append(XMLElement(name: "version", namespace: XMPPNamespace.version, text: version))
        return query
    }
}
