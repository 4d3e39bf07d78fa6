import DeliveryService
import Foundation
import Gateway
import Testing
import XMPP

/// Occupants whose sessions ended, XEP-0410 self-pings and the removals after a stream rebuild or a shutdown.
@Suite struct RoomLivenessTests {
    typealias H = GatewayHarness
    let alice = "alice@example.org/phone"
    let bob = "bob@example.org/laptop"
    let bot = "echo@mls.example.org/bot"

    func roomWithAliceAndBob(reserved: Set<JID> = []) async throws -> H {
        let harness = try H(reservedJIDs: reserved)
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = await harness.route(harness.join(bob, nick: "bob"))
        return harness
    }

    func ping(_ from: String, to: String) -> XMLElement {
        var iq = H.stanza("iq", from: from, to: to, type: "get", id: "p1")
        iq.append(XMLElement(name: "ping", namespace: XMPPNamespace.ping))
        return iq
    }

    @Test func anErrorBouncedToAnOccupantJIDRemovesTheOccupantWithStatus333() async throws {
        let harness = try await roomWithAliceAndBob()
        // Bob's session is gone: the server bounces a reflection of alice's message back to room/alice.
        var bounce = H.stanza("message", from: bob, to: "room@mls.example.org/alice", type: "error")
        var error = XMLElement(
            name: "error", namespace: XMPPNamespace.component, attributes: [XMLAttribute(name: "type", value: "cancel")])
        error.append(XMLElement(name: "service-unavailable", namespace: XMPPNamespace.stanzaErrors))
        bounce.append(error)
        let sent = await harness.route(bounce)
        let toAlice = sent.filter { $0.attribute("to") == alice }
        #expect(toAlice.count == 1)
        #expect(toAlice.first?.attribute("type") == "unavailable")
        #expect(toAlice.first?.attribute("from") == "room@mls.example.org/bob")
        #expect(toAlice.first?.mucStatuses == ["333"])
        #expect(await harness.host.nicks(in: harness.room) == ["alice"])
    }

    @Test func aPrivateMessageToAnOccupantIsRefusedAndChangesNothing() async throws {
        let harness = try await roomWithAliceAndBob()
        var message = H.stanza("message", from: alice, to: "room@mls.example.org/bob", type: "chat")
        message.append(XMLElement(name: "body", namespace: XMPPNamespace.component, text: "hi"))
        let sent = await harness.route(message)
        #expect(sent.count == 1)
        #expect(sent.first?.errorCondition == "not-acceptable")
        #expect(await harness.host.nicks(in: harness.room) == ["alice", "bob"])
    }

    @Test func aSelfPingIsAnsweredByTheRoom() async throws {
        let harness = try await roomWithAliceAndBob()
        let joined = await harness.route(ping(alice, to: "room@mls.example.org/alice"))
        #expect(joined.map { $0.attribute("type") } == ["result"])
        #expect(joined.first?.attribute("to") == alice)
        // Not joined: not-acceptable, so that the client joins again (XEP-0410).
        let stranger = await harness.route(ping("carol@example.org/desk", to: "room@mls.example.org/alice"))
        #expect(stranger.first?.errorCondition == "not-acceptable")
        let otherResource = await harness.route(ping("alice@example.org/tablet", to: "room@mls.example.org/alice"))
        #expect(otherResource.first?.errorCondition == "not-acceptable")
        // Pings to another occupant are not relayed.
        let other = await harness.route(ping(alice, to: "room@mls.example.org/bob"))
        #expect(other.first?.errorCondition == "service-unavailable")
    }

    @Test func theRoomAdvertisesTheSelfPingOptimization() async throws {
        let harness = try await roomWithAliceAndBob()
        let info = await harness.route(
            H.iq("get", from: alice, to: "room@mls.example.org", XMLElement(name: "query", namespace: XMPPNamespace.discoInfo)))
        let features = info.first?.elements.first?.elements.filter { $0.name == "feature" }.compactMap { $0.attribute("var") }
        #expect(features?.contains(XMPPNamespace.mucSelfPing) == true)
    }

    @Test func aRebuiltStreamRemovesTheServersOccupantsButNotTheBots() async throws {
        let botJID = try JID(bot)
        let harness = try await roomWithAliceAndBob(reserved: [botJID.bare])
        _ = await harness.route(harness.join(bot, nick: "echo"))
        #expect(await harness.host.removeServerOccupants(joinedBefore: Date()) == 2)
        let sent = harness.outbox.drain()
        #expect(await harness.host.nicks(in: harness.room) == ["echo"])
        let toAlice = sent.filter { $0.attribute("to") == alice }
        #expect(toAlice.map(\.mucStatuses).contains(["110", "333"]))
        #expect(sent.filter { $0.attribute("to") == bot }.allSatisfy { $0.mucStatuses == ["333"] })
        #expect(sent.filter { $0.attribute("to") == bot }.count == 2)
        // Who entered on the new stream stays; the others join again at once: the nicks are free.
        _ = await harness.route(harness.join("carol@example.org/desk", nick: "carol"))
        #expect(await harness.host.removeServerOccupants(joinedBefore: .distantPast) == 0)
        _ = harness.outbox.drain()
        let rejoin = await harness.route(harness.join("alice@example.org/new", nick: "alice"))
        #expect(rejoin.allSatisfy { $0.errorCondition == nil })
        #expect(await harness.host.nicks(in: harness.room) == ["echo", "carol", "alice"])
    }

    @Test func aShutdownTellsEveryOccupantWithStatus332() async throws {
        let harness = try await roomWithAliceAndBob()
        #expect(await harness.host.shutDown() == 2)
        let sent = harness.outbox.drain()
        #expect(sent.filter { $0.attribute("to") == bob }.map(\.mucStatuses).contains(["110", "332"]))
        #expect(await harness.host.nicks(in: harness.room).isEmpty)
    }
}
