import Foundation
import Gateway
import Logging
import MLS
import Testing
import XMPP

@Suite struct MirrorBridgeTests {
    typealias H = GatewayHarness
    let alice = "alice@example.org/phone"
    static let plain = "plain@conference.example.org"
    static let occupant = "mirror@mls.example.org/bridge"

    /// A mirror of room@mls.example.org to plain@conference.example.org, added to the group by alice.
    struct Setup {
        let harness: BotHarness
        let clock = TestClock()
        let mirror: MirrorBridge
        let runner: BotRunner
        var group: Group
        /// What went out after alice added the bridge: its join of the plaintext room and its encrypted notice.
        let afterJoin: [XMLElement]

        init(alice: String) async throws {
            harness = try BotHarness(bot: "mirror@mls.example.org")
            let routes = try MirrorRoutes(
                [(try JID("room@mls.example.org"), try JID(MirrorBridgeTests.plain))],
                domain: try JID("mls.example.org")
            )
            mirror = MirrorBridge(
                routes: routes,
                nick: "mirror",
                now: clock.now,
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            )
            runner = try harness.runner(now: clock.now, behaviour: mirror)
            group = try await harness.groupWithBot(runner, member: alice)
            afterJoin = harness.outbox.drain()
        }

        /// Delivers a stanza from the plaintext room to the bridge's occupant; returns what went out.
        func fromMUC(_ element: XMLElement) async -> [XMLElement] {
            _ = await harness.route(element)
            await runner.processPending()
            return harness.outbox.drain()
        }

        /// The MUC service tells the bridge it is in (status 110), optionally having created the room (201).
        func enter(created: Bool = false) async -> [XMLElement] {
            var presence = H.stanza(
                "presence",
                from: "\(MirrorBridgeTests.plain)/mirror",
                to: MirrorBridgeTests.occupant
            )
            var x = XMLElement(name: "x", namespace: XMPPNamespace.mucUser)
            x.append(
                XMLElement(
                    name: "item",
                    namespace: XMPPNamespace.mucUser,
                    attributes: [XMLAttribute(name: "affiliation", value: "owner")]
                )
            )
            for code in created ? ["110", "201"] : ["110"] {
                x.append(
                    XMLElement(
                        name: "status",
                        namespace: XMPPNamespace.mucUser,
                        attributes: [XMLAttribute(name: "code", value: code)]
                    )
                )
            }
            presence.append(x)
            return await fromMUC(presence)
        }

        /// Alice says `text` in the encrypted room; returns what went out.
        mutating func say(_ text: String, alice: String) async throws -> [XMLElement] {
            let envelope = SCEEnvelope(body: text, from: try JID(alice).bare, date: Date())
            _ = await harness.route(harness.groupchat(alice, try group.encrypt(envelope.serialized())))
            await runner.processPending()
            return harness.outbox.drain()
        }
    }

    static func groupchat(from nick: String, body: String, delayed: Bool = false) -> XMLElement {
        var message = H.stanza("message", from: "\(plain)/\(nick)", to: occupant, type: "groupchat", id: "p1")
        message.append(XMLElement(name: "body", namespace: XMPPNamespace.component, text: body))
        if delayed {
            message.append(
                XMLElement(
                    name: "delay",
                    namespace: "urn:xmpp:delay",
                    attributes: [XMLAttribute(name: "stamp", value: "2026-01-01T00:00:00Z")]
                )
            )
        }
        return message
    }

    static func unavailable(_ codes: [String]) -> XMLElement {
        var presence = H.stanza("presence", from: "\(plain)/mirror", to: occupant, type: "unavailable")
        var x = XMLElement(name: "x", namespace: XMPPNamespace.mucUser)
        for code in codes {
            x.append(
                XMLElement(
                    name: "status",
                    namespace: XMPPNamespace.mucUser,
                    attributes: [XMLAttribute(name: "code", value: code)]
                )
            )
        }
        presence.append(x)
        return presence
    }

    /// The bodies of groupchat messages sent to the plaintext room.
    static func plaintextBodies(_ sent: [XMLElement]) -> [String] {
        sent.filter { $0.name == "message" && $0.attribute("to") == plain && $0.attribute("type") == "groupchat" }
            .compactMap { $0.child(named: "body", namespace: XMPPNamespace.component)?.text }
    }

    static func joins(_ sent: [XMLElement]) -> [XMLElement] {
        sent.filter { $0.name == "presence" && $0.attribute("to") == "\(plain)/mirror" && $0.attribute("type") == nil }
    }

    @Test func joiningTheEncryptedRoomJoinsThePlaintextRoomAndTellsTheEncryptedRoom() async throws {
        var setup = try await Setup(alice: alice)
        let join = try #require(Self.joins(setup.afterJoin).first)
        #expect(join.attribute("from") == Self.occupant)
        #expect(join.child(named: "x", namespace: XMPPNamespace.muc) != nil)
        let room = try JID("room@mls.example.org")
        #expect(
            join.child(named: "status", namespace: XMPPNamespace.component)?.text == MirrorText.status(encrypted: room)
        )
        let notice = try await BotHarness.decrypted(setup.afterJoin, to: alice, from: "mirror", &setup.group)
        #expect(
            notice == [
                MirrorText.encryptedNotice(plaintext: try JID(Self.plain), bridge: try JID("mirror@mls.example.org"))
            ]
        )
        #expect(notice.first?.contains("plaintext") == true)
    }

    @Test func enteringThePlaintextRoomAnnouncesTheBridgeConfiguresANewRoomAndSetsTheSubject() async throws {
        let setup = try await Setup(alice: alice)
        let sent = await setup.enter(created: true)
        let configure = try #require(sent.first { $0.name == "iq" })
        #expect(configure.attribute("type") == "set" && configure.attribute("to") == Self.plain)
        let form = configure.child(named: "query", namespace: "http://jabber.org/protocol/muc#owner")?
            .child(named: "x", namespace: "jabber:x:data")
        #expect(form?.attribute("type") == "submit")
        let room = try JID("room@mls.example.org")
        #expect(Self.plaintextBodies(sent) == [MirrorText.plaintextNotice(encrypted: room)])
        #expect(MirrorText.plaintextNotice(encrypted: room).contains("plaintext"))
        // The subject ends the join; the bridge sets its own once.
        var subject = H.stanza("message", from: Self.plain, to: Self.occupant, type: "groupchat")
        subject.append(XMLElement(name: "subject", namespace: XMPPNamespace.component, text: ""))
        let set = await setup.fromMUC(subject)
        #expect(
            set.compactMap { $0.child(named: "subject", namespace: XMPPNamespace.component)?.text }
                == [MirrorText.subject(encrypted: room)]
        )
        #expect(await setup.fromMUC(subject).isEmpty)
    }

    @Test func encryptedMessagesAppearInThePlaintextRoomWithTheirSender() async throws {
        var setup = try await Setup(alice: alice)
        // Before the bridge is in, lines wait; they follow the notice.
        let early = try await setup.say("early", alice: alice)
        #expect(Self.plaintextBodies(early).isEmpty)
        let entered = await setup.enter()
        #expect(Self.plaintextBodies(entered).dropFirst() == ["[alice@example.org] early"])
        let sent = try await setup.say("hello", alice: alice)
        #expect(Self.plaintextBodies(sent) == ["[alice@example.org] hello"])
        #expect(sent.first { $0.attribute("to") == Self.plain }?.attribute("from") == Self.occupant)
    }

    @Test func livePlaintextMessagesFromOthersArriveEncrypted() async throws {
        var setup = try await Setup(alice: alice)
        _ = await setup.enter()
        let sent = await setup.fromMUC(Self.groupchat(from: "bob", body: "yo"))
        #expect(try await BotHarness.decrypted(sent, to: alice, from: "mirror", &setup.group) == ["[bob] yo"])
        // History, the bridge's own lines and messages from the room itself are not mirrored.
        for message in [
            Self.groupchat(from: "bob", body: "old", delayed: true), Self.groupchat(from: "mirror", body: "[x] y"),
        ] {
            let nothing = await setup.fromMUC(message)
            #expect(try await BotHarness.decrypted(nothing, to: alice, from: "mirror", &setup.group).isEmpty)
        }
    }

    @Test func theOccupantAnswersPingsAndDiscoInfo() async throws {
        let setup = try await Setup(alice: alice)
        let ping = H.iq(
            "get",
            from: "\(Self.plain)/bob",
            to: Self.occupant,
            XMLElement(name: "ping", namespace: XMPPNamespace.ping)
        )
        let pong = try #require(await setup.fromMUC(ping).first)
        #expect(pong.attribute("type") == "result" && pong.attribute("id") == ping.attribute("id"))
        let disco = H.iq(
            "get",
            from: "\(Self.plain)/bob",
            to: Self.occupant,
            XMLElement(name: "query", namespace: XMPPNamespace.discoInfo)
        )
        let info = try #require(await setup.fromMUC(disco).first)
        let identity = info.child(named: "query", namespace: XMPPNamespace.discoInfo)?
            .child(named: "identity", namespace: XMPPNamespace.discoInfo)
        #expect(identity?.attribute("category") == "client" && identity?.attribute("type") == "bot")
        let version = H.iq(
            "get",
            from: "\(Self.plain)/bob",
            to: Self.occupant,
            XMLElement(name: "query", namespace: XMPPNamespace.version)
        )
        #expect(await setup.fromMUC(version).first?.errorCondition == "service-unavailable")
    }

    @Test func aKickedBridgeRejoinsAfterTheBackoffButABannedOneWaits() async throws {
        var setup = try await Setup(alice: alice)
        _ = await setup.enter()
        #expect(Self.joins(await setup.fromMUC(Self.unavailable(["110", "307"]))).isEmpty)
        let waiting = try await setup.say("while out", alice: alice)
        #expect(Self.plaintextBodies(waiting).isEmpty)
        setup.clock.advance(59)
        await setup.mirror.tick()
        #expect(Self.joins(setup.harness.outbox.drain()).isEmpty)
        setup.clock.advance(2)
        await setup.mirror.tick()
        #expect(Self.joins(setup.harness.outbox.drain()).count == 1)
        let back = await setup.enter()
        #expect(Self.plaintextBodies(back).last == "[alice@example.org] while out")
        // A ban: no retry however long, until the connection is rebuilt.
        _ = await setup.fromMUC(Self.unavailable(["110", "301"]))
        setup.clock.advance(86_400)
        await setup.mirror.tick()
        #expect(Self.joins(setup.harness.outbox.drain()).isEmpty)
        setup.runner.connectionRestored()
        await setup.runner.processPending()
        #expect(Self.joins(setup.harness.outbox.drain()).count == 1)
    }

    @Test func aDestroyedPlaintextRoomIsLeftAndJoinedAgainLater() async throws {
        var setup = try await Setup(alice: alice)
        _ = await setup.enter()
        // XEP-0045 §10.9: the destroy presence carries <destroy/> and no status 110.
        var destroyed = H.stanza("presence", from: "\(Self.plain)/mirror", to: Self.occupant, type: "unavailable")
        var x = XMLElement(name: "x", namespace: XMPPNamespace.mucUser)
        x.append(XMLElement(name: "destroy", namespace: XMPPNamespace.mucUser))
        destroyed.append(x)
        _ = await setup.fromMUC(destroyed)
        let waiting = try await setup.say("after the destroy", alice: alice)
        #expect(Self.plaintextBodies(waiting).isEmpty)
        setup.clock.advance(61)
        await setup.mirror.tick()
        #expect(Self.joins(setup.harness.outbox.drain()).count == 1)
        let back = await setup.enter()
        #expect(Self.plaintextBodies(back).last == "[alice@example.org] after the destroy")
    }

    @Test func aRefusedJoinIsRetriedWithAGrowingBackoff() async throws {
        let setup = try await Setup(alice: alice)
        var retries: [Int] = []
        for _ in 0..<3 {
            var error = H.stanza("presence", from: "\(Self.plain)/mirror", to: Self.occupant, type: "error")
            error.append(StanzaError(.conflict).element(namespace: XMPPNamespace.component))
            _ = await setup.fromMUC(error)
            var waited = 0
            while Self.joins(setup.harness.outbox.drain()).isEmpty && waited < 3_600 {
                setup.clock.advance(60)
                waited += 60
                await setup.mirror.tick()
            }
            retries.append(waited)
        }
        #expect(retries == [60, 120, 240])
    }

    @Test func aMessageTheRoomRefusesAsFromANonOccupantMakesTheBridgeRejoin() async throws {
        let setup = try await Setup(alice: alice)
        _ = await setup.enter()
        var error = H.stanza("message", from: Self.plain, to: Self.occupant, type: "error")
        error.append(StanzaError(.notAcceptable).element(namespace: XMPPNamespace.component))
        _ = await setup.fromMUC(error)
        setup.clock.advance(60)
        await setup.mirror.tick()
        #expect(Self.joins(setup.harness.outbox.drain()).count == 1)
    }

    @Test func theBridgeRejoinsAfterARestartAndAReconnect() async throws {
        let setup = try await Setup(alice: alice)
        _ = await setup.enter()
        setup.runner.connectionRestored()
        await setup.runner.processPending()
        #expect(Self.joins(setup.harness.outbox.drain()).count == 1)
        // A restart: a new runner and bridge on the same database rejoin the plaintext room by themselves.
        let second = try BotHarness(store: setup.harness.store, bot: "mirror@mls.example.org")
        let mirror = MirrorBridge(
            routes: setup.mirror.routes,
            nick: "mirror",
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let runner = try second.runner(behaviour: mirror)
        try await runner.start()
        #expect(Self.joins(second.outbox.drain()).count == 1)
    }

    @Test func removedFromTheEncryptedRoomTheBridgeSaysGoodbyeAndLeaves() async throws {
        var setup = try await Setup(alice: alice)
        _ = await setup.enter()
        let leaf = try #require(setup.group.members.first { $0.index != setup.group.ownLeaf }?.index)
        let remove = try await setup.group.commit(setup.group.commitBuilder().removing(leaf))
        _ = await setup.harness.route(setup.harness.groupchat(alice, remove.commit))
        await setup.runner.processPending()
        let sent = setup.harness.outbox.drain()
        #expect(
            Self.plaintextBodies(sent) == [MirrorText.plaintextFarewell(encrypted: try JID("room@mls.example.org"))]
        )
        #expect(
            sent.contains {
                $0.name == "presence" && $0.attribute("type") == "unavailable"
                    && $0.attribute("to") == "\(Self.plain)/mirror"
            }
        )
    }

    @Test func linesAreFormattedWithTheirSender() throws {
        #expect(
            MirrorText.plaintextLine(sender: try JID("alice@example.org/phone"), body: "hi") == "[alice@example.org] hi"
        )
        #expect(MirrorText.plaintextLine(sender: nil, body: "hi") == "[unknown] hi")
        #expect(MirrorText.encryptedLine(nick: "bob", body: "two\nlines") == "[bob] two\n[bob] lines")
        // A line break cannot forge a line from someone else.
        #expect(
            MirrorText.plaintextLine(sender: try JID("eve@example.org"), body: "ok\r\n[boss@example.org] pay")
                == "[eve@example.org] ok\n[eve@example.org] [boss@example.org] pay")
    }
}
