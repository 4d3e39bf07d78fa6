import Testing

@testable import XMPP

@Suite struct DiscoNodeTests {
    typealias R = StanzaRouterTests
    static let node = "http://jabber.org/protocol/commands"

    static func query(_ namespace: String, node: String?) throws -> XMLElement {
        var payload = XMLElement(name: "query", namespace: namespace)
        payload.setAttribute("node", to: node)
        return IQ(type: .get, id: "n1", from: R.alice, to: R.domain, payload: payload).element
    }

    /// A router whose commands node lists two items to alice and refuses everyone else.
    static func router() -> StanzaRouter {
        var router = R.router()
        router.onDiscoNode(
            node,
            DiscoNode(
                info: { _ in
                    DiscoInfo(
                        identities: [DiscoIdentity(category: "automation", type: "command-list")], features: [])
                },
                items: { iq in
                    guard iq.from == R.alice else { throw StanzaError(.forbidden, text: "not for you") }
                    return [
                        DiscoItem(jid: R.domain, node: "one", name: "One"), DiscoItem(jid: R.domain, node: "two"),
                    ]
                }
            )
        )
        return router
    }

    @Test func itemsOfARegisteredNodeEchoTheNode() async throws {
        let reply = try R.onlyIQ(await Self.router().route(try Self.query(XMPPNamespace.discoItems, node: Self.node)))
        #expect(reply.type == .result)
        let query = try #require(reply.payload)
        #expect(query.attribute("node") == Self.node)
        let items = query.elements.filter { $0.name == "item" }
        #expect(items.map { $0.attribute("node") } == ["one", "two"])
        #expect(items.map { $0.attribute("jid") } == ["mls.localhost", "mls.localhost"])
        #expect(items.map { $0.attribute("name") } == ["One", nil])
    }

    @Test func infoOfARegisteredNodeCarriesItsIdentityAndTheNode() async throws {
        let reply = try R.onlyIQ(await Self.router().route(try Self.query(XMPPNamespace.discoInfo, node: Self.node)))
        let query = try #require(reply.payload)
        #expect(query.attribute("node") == Self.node)
        let identity = try #require(query.child(named: "identity", namespace: XMPPNamespace.discoInfo))
        #expect(identity.attribute("category") == "automation")
        #expect(identity.attribute("type") == "command-list")
    }

    @Test func aNodeHandlerErrorBecomesTheReply() async throws {
        var element = try Self.query(XMPPNamespace.discoItems, node: Self.node)
        element.setAttribute("from", to: "mallory@localhost/x")
        let reply = try R.onlyIQ(await Self.router().route(element))
        #expect(reply.type == .error)
        #expect(reply.error?.condition == .forbidden)
        #expect(reply.error?.text == "not for you")
    }

    @Test(arguments: [XMPPNamespace.discoInfo, XMPPNamespace.discoItems])
    func anUnregisteredNodeIsItemNotFound(namespace: String) async throws {
        let reply = try R.onlyIQ(await Self.router().route(try Self.query(namespace, node: "unknown")))
        #expect(reply.error?.condition == .itemNotFound)
    }

    @Test func theDomainItselfIsStillAnsweredWithoutANode() async throws {
        let reply = try R.onlyIQ(await Self.router().route(try Self.query(XMPPNamespace.discoInfo, node: nil)))
        #expect(reply.payload?.attribute("node") == nil)
        let identity = reply.payload?.child(named: "identity", namespace: XMPPNamespace.discoInfo)
        #expect(identity?.attribute("category") == "component")
    }
}
