import Logging
import Synchronization
import Testing

@testable import XMPP

struct StanzaRouterTests {
    static let domain = try! JID("mls.localhost")
    static let alice = try! JID("alice@localhost/phone")

    static func router() -> StanzaRouter {
        StanzaRouter(
            domain: domain, software: .mlsgate,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    static func get(_ namespace: String, to: String = "mls.localhost", type: IQ.Kind = .get) throws -> XMLElement {
        IQ(
            type: type,
            id: "q1",
            from: alice,
            to: try JID(to),
            payload: XMLElement(name: "query", namespace: namespace)
        ).element
    }

    static func onlyIQ(_ replies: [XMLElement]) throws -> IQ {
        try #require(replies.count == 1)
        return try IQ(element: replies[0])
    }

    @Test func discoInfoListsIdentityAndFeaturesOfRegisteredHandlers() async throws {
        var router = Self.router()
        router.onIQ(namespace: "urn:example:custom", type: .set) { _ in nil }
        let reply = try Self.onlyIQ(await router.route(try Self.get(XMPPNamespace.discoInfo)))
        #expect(reply.type == .result)
        #expect(reply.id == "q1")
        #expect(reply.from == Self.domain)
        #expect(reply.to == Self.alice)
        let query = try #require(reply.payload)
        let identity = try #require(query.child(named: "identity", namespace: XMPPNamespace.discoInfo))
        #expect(identity.attribute("category") == "component")
        #expect(identity.attribute("type") == "generic")
        let features = query.elements.filter { $0.name == "feature" }.compactMap { $0.attribute("var") }
        #expect(
            Set(features) == [
                XMPPNamespace.discoInfo, XMPPNamespace.discoItems, XMPPNamespace.ping, XMPPNamespace.version,
                "urn:example:custom",
            ]
        )
    }

    @Test func discoInfoForANodeIsItemNotFound() async throws {
        var element = try Self.get(XMPPNamespace.discoInfo)
        element.children = [
            .element(
                XMLElement(
                    name: "query",
                    namespace: XMPPNamespace.discoInfo,
                    attributes: [XMLAttribute(name: "node", value: "x")]
                )
            )
        ]
        let reply = try Self.onlyIQ(await Self.router().route(element))
        #expect(reply.error?.condition == .itemNotFound)
    }

    @Test func discoItemsPingAndVersionAreAnswered() async throws {
        let router = Self.router()
        let items = try Self.onlyIQ(await router.route(try Self.get(XMPPNamespace.discoItems)))
        #expect(items.type == .result)
        #expect(items.payload?.namespace == XMPPNamespace.discoItems)

        let ping = IQ(
            type: .get,
            id: "p",
            from: Self.alice,
            to: Self.domain,
            payload: XMLElement(name: "ping", namespace: XMPPNamespace.ping)
        )
        let pong = try Self.onlyIQ(await router.route(ping.element))
        #expect(pong.type == .result)
        #expect(pong.payload == nil)

        let version = try Self.onlyIQ(await router.route(try Self.get(XMPPNamespace.version)))
        #expect(version.payload?.child(named: "name", namespace: XMPPNamespace.version)?.text == "MLSGate")
        #expect(
            version.payload?.child(named: "version", namespace: XMPPNamespace.version)?.text
                == SoftwareVersion.mlsgateVersion
        )
    }

    @Test(arguments: [IQ.Kind.get, .set])
    func unknownRequestIsServiceUnavailable(type: IQ.Kind) async throws {
        let reply = try Self.onlyIQ(await Self.router().route(try Self.get("urn:example:unknown", type: type)))
        #expect(reply.type == .error)
        #expect(reply.error?.condition == .serviceUnavailable)
        #expect(reply.from == Self.domain)
    }

    @Test func builtInsAnswerOnlyTheDomain() async throws {
        let reply = try Self.onlyIQ(
            await Self.router().route(try Self.get(XMPPNamespace.version, to: "room@mls.localhost"))
        )
        #expect(reply.error?.condition == .serviceUnavailable)
    }

    @Test func resultsAndErrorsAreNeverAnswered() async throws {
        let router = Self.router()
        let result = IQ(type: .result, id: "r", from: Self.alice, to: Self.domain)
        #expect(await router.route(result.element).isEmpty)
        let error = IQ(type: .error, id: "e", from: Self.alice, to: Self.domain, error: StanzaError(.badRequest))
        #expect(await router.route(error.element).isEmpty)
        let bounced = Message(type: .error, id: "m", from: Self.alice, to: Self.domain, error: StanzaError(.gone))
        #expect(await router.route(bounced.element).isEmpty)
    }

    @Test func registeredHandlerAnswersAndItsStanzaErrorBecomesTheReply() async throws {
        var router = Self.router()
        router.onIQ(namespace: "urn:example:echo", type: .get) { iq in iq.payload }
        router.onIQ(namespace: "urn:example:deny", type: .set) { _ in throw StanzaError(.forbidden) }
        router.onIQ(namespace: "urn:example:crash", type: .get) { _ in throw CancellationError() }
        let echo = try Self.onlyIQ(await router.route(try Self.get("urn:example:echo")))
        #expect(echo.payload?.namespace == "urn:example:echo")
        let denied = try Self.onlyIQ(await router.route(try Self.get("urn:example:deny", type: .set)))
        #expect(denied.error?.condition == .forbidden)
        let crashed = try Self.onlyIQ(await router.route(try Self.get("urn:example:crash")))
        #expect(crashed.error?.condition == .internalServerError)
        let wrongType = try Self.onlyIQ(await router.route(try Self.get("urn:example:echo", type: .set)))
        #expect(wrongType.error?.condition == .serviceUnavailable)
    }

    @Test func messagesAndPresencesGoToTheHandlerOfTheirTarget() async throws {
        let seen = Mutex<[String]>([])
        var router = Self.router()
        router.onMessage(to: .room) { message in seen.withLock { $0.append("room:\(message.id ?? "")") } }
        router.onMessage(to: .occupant) { message in seen.withLock { $0.append("occupant:\(message.id ?? "")") } }
        router.onPresence(to: .occupant) { presence in seen.withLock { $0.append("presence:\(presence.id ?? "")") } }

        let toRoom = Message(type: .groupchat, id: "1", from: Self.alice, to: try JID("room@mls.localhost"))
        let toNick = Message(type: .chat, id: "2", from: Self.alice, to: try JID("room@mls.localhost/bob"))
        let join = Presence(id: "3", from: Self.alice, to: try JID("room@mls.localhost/alice"))
        #expect(await router.route(toRoom.element).isEmpty)
        #expect(await router.route(toNick.element).isEmpty)
        #expect(await router.route(join.element).isEmpty)
        #expect(seen.withLock { $0 } == ["room:1", "occupant:2", "presence:3"])

        let toDomain = Message(type: .chat, id: "4", from: Self.alice, to: Self.domain)
        let refused = try Message(element: try #require(await router.route(toDomain.element).first))
        #expect(refused.error?.condition == .serviceUnavailable)
        #expect(await router.route(Presence(id: "5", from: Self.alice, to: Self.domain).element).isEmpty)
    }

    @Test func aDiversionTakesStanzasBeforeAnyHandlerAndGetsNoReply() async throws {
        let seen = Mutex<[String]>([])
        var router = Self.router()
        router.onMessage(to: .room) { message in seen.withLock { $0.append("room:\(message.id ?? "")") } }
        router.divert { element in
            guard element.attribute("to")?.hasPrefix("bridge@") == true else { return false }
            seen.withLock { $0.append("diverted:\(element.attribute("id") ?? "")") }
            return true
        }
        let diverted = Message(type: .chat, id: "1", from: Self.alice, to: try JID("bridge@mls.localhost/x"))
        let iq = try Self.get("urn:example:unknown", to: "bridge@mls.localhost/x")
        let toRoom = Message(type: .groupchat, id: "2", from: Self.alice, to: try JID("room@mls.localhost"))
        #expect(await router.route(diverted.element).isEmpty)
        #expect(await router.route(iq).isEmpty)
        #expect(await router.route(toRoom.element).isEmpty)
        #expect(seen.withLock { $0 } == ["diverted:1", "diverted:q1", "room:2"])
        let unknown = try Self.onlyIQ(await router.route(try Self.get("urn:example:unknown", to: "room@mls.localhost")))
        #expect(unknown.error?.condition == .serviceUnavailable)
    }

    @Test func malformedStanzasGetBadRequestOrJIDMalformed() async throws {
        let router = Self.router()
        var noPayload = IQ(type: .get, id: "x", from: Self.alice, to: Self.domain).element
        noPayload.children = []
        let bad = try Self.onlyIQ(await router.route(noPayload))
        #expect(bad.error?.condition == .badRequest)

        var badAddress = Message(type: .chat, id: "y", from: Self.alice, to: Self.domain).element
        badAddress.setAttribute("to", to: "a@b@c/")
        let replies = await router.route(badAddress)
        let reply = try #require(replies.first)
        #expect(
            reply.child(named: "error", namespace: XMPPNamespace.component)?.child(
                named: "jid-malformed",
                namespace: XMPPNamespace.stanzaErrors
            ) != nil
        )
    }

    @Test func targetsAreClassifiedByAddressShape() throws {
        #expect(StanzaTarget.classify(nil, domain: Self.domain) == .domain)
        #expect(StanzaTarget.classify(try JID("mls.localhost/x"), domain: Self.domain) == .domain)
        #expect(StanzaTarget.classify(try JID("r@mls.localhost"), domain: Self.domain) == .room)
        #expect(StanzaTarget.classify(try JID("r@mls.localhost/n"), domain: Self.domain) == .occupant)
        #expect(StanzaTarget.classify(try JID("r@localhost"), domain: Self.domain) == nil)
    }
}
