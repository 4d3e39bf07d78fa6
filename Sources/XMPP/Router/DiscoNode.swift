/// What one node of the component domain answers to XEP-0030 queries naming it (§3.2, §4.2), such as the
/// XEP-0050 command list, `http://jabber.org/protocol/commands`.
///
/// ```text
/// <query xmlns='http://jabber.org/protocol/disco#info' node='N'/>  ─▶ info(iq)  ─▶ identities and features
/// <query xmlns='http://jabber.org/protocol/disco#items' node='N'/> ─▶ items(iq) ─▶ <item/>s
/// ```
///
/// Each answer sees the whole request, so it can depend on who asks; throwing a ``StanzaError`` (such as
/// `forbidden`) answers with that error.
public struct DiscoNode: Sendable {
    /// Answers disco#info about the node.
    public typealias InfoHandler = @Sendable (IQ) async throws -> DiscoInfo
    /// Answers disco#items about the node.
    public typealias ItemsHandler = @Sendable (IQ) async throws -> [DiscoItem]

    /// The disco#info answer.
    public var info: InfoHandler
    /// The disco#items answer.
    public var items: ItemsHandler

    /// - Parameters:
    ///   - info: The disco#info answer.
    ///   - items: The disco#items answer; none by default.
    public init(info: @escaping InfoHandler, items: @escaping ItemsHandler = { _ in [] }) {
        self.info = info
        self.items = items
    }
}

/// A XEP-0030 §3.1 disco#info answer: identities and features.
public struct DiscoInfo: Hashable, Sendable {
    /// Who answers.
    public var identities: [DiscoIdentity]
    /// The features, as their `var` strings.
    public var features: [String]

    /// - Parameters:
    ///   - identities: Who answers.
    ///   - features: The features.
    public init(identities: [DiscoIdentity], features: [String]) {
        self.identities = identities
        self.features = features
    }

    /// The `<query xmlns='http://jabber.org/protocol/disco#info'/>` result.
    /// - Parameter node: The node asked about, echoed as §3.2 requires; nil for the entity itself.
    public func element(node: String?) -> XMLElement {
        var query = XMLElement(name: "query", namespace: XMPPNamespace.discoInfo)
        query.setAttribute("node", to: node)
        for identity in identities { query.append(identity.element) }
        for feature in features {
            query.append(
                XMLElement(
                    name: "feature",
                    namespace: XMPPNamespace.discoInfo,
                    attributes: [XMLAttribute(name: "var", value: feature)]
                )
            )
        }
        return query
    }
}

/// A XEP-0030 §4.1 item: `<item jid='' node='' name=''/>`.
public struct DiscoItem: Hashable, Sendable {
    /// The item's address.
    public var jid: JID
    /// The node at that address, if the item is one.
    public var node: String?
    /// A human-readable name.
    public var name: String?

    /// - Parameters:
    ///   - jid: The item's address.
    ///   - node: The node at that address.
    ///   - name: A human-readable name.
    public init(jid: JID, node: String? = nil, name: String? = nil) {
        self.jid = jid
        self.node = node
        self.name = name
    }

    /// The `<item/>` element.
    public var element: XMLElement {
        var item = XMLElement(name: "item", namespace: XMPPNamespace.discoItems)
        item.setAttribute("jid", to: jid.description)
        item.setAttribute("node", to: node)
        item.setAttribute("name", to: name)
        return item
    }
}
