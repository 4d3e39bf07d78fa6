import DeliveryService
import Foundation
import Gateway
import MLS
import Testing
import XMPP

@Suite struct RoomHostDestroyTests {
    typealias H = GatewayHarness
    let alice = "alice@example.org/phone"
    let bob = "bob@example.org/laptop"
    let carol = "carol@example.org/desk"

    func commit(_ harness: H, from: String) async {
        _ = await harness.route(
            harness.groupchat(from, id: "c1", mls: H.base64(H.privateMessage(group: [5], epoch: 0, type: .commit))))
    }

    @Test func eachOccupantGetsOneDestroyPresenceWithTheReason() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = await harness.route(harness.join(bob, nick: "bob"))
        await commit(harness, from: alice)

        let destroyed = try #require(try await harness.host.destroy(room: harness.room, reason: "moving on"))
        #expect(destroyed.room == harness.room)
        #expect(destroyed.deletedMessages == 1)
        #expect(destroyed.removedOccupants.map(\.nick) == ["alice", "bob"])
        let sent = harness.outbox.drain()
        #expect(sent.map { $0.attribute("to") } == [alice, bob])
        #expect(sent.map { $0.attribute("from") } == ["room@mls.example.org/alice", "room@mls.example.org/bob"])
        for presence in sent {
            #expect(presence.name == "presence")
            #expect(presence.attribute("type") == "unavailable")
            let x = try #require(presence.child(named: "x", namespace: MLSNamespace.mucUser))
            let item = try #require(x.child(named: "item", namespace: MLSNamespace.mucUser))
            #expect(item.attribute("affiliation") == "none")
            #expect(item.attribute("role") == "none")
            let destroy = try #require(x.child(named: "destroy", namespace: MLSNamespace.mucUser))
            #expect(destroy.child(named: "reason", namespace: MLSNamespace.mucUser)?.text == "moving on")
        }
        #expect(await harness.host.nicks(in: harness.room).isEmpty)
        #expect(try harness.store.roomSummary(jid: harness.room.description) == nil)
    }

    @Test func withoutAReasonTheDestroyElementIsEmpty() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = try await harness.host.destroy(room: harness.room, reason: nil)
        let destroy = harness.outbox.drain().first?.child(named: "x", namespace: MLSNamespace.mucUser)?
            .child(named: "destroy", namespace: MLSNamespace.mucUser)
        #expect(destroy?.elements.isEmpty == true)
    }

    @Test func otherRoomsKeepTheirOccupantsAndData() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = await harness.route(H.stanza("presence", from: carol, to: "other@mls.example.org/carol"))
        _ = harness.outbox.drain()
        _ = try await harness.host.destroy(room: harness.room, reason: nil)
        #expect(harness.outbox.drain().map { $0.attribute("to") } == [alice])
        #expect(await harness.host.nicks(in: try JID("other@mls.example.org")) == ["carol"])
        #expect(try harness.store.roomSummaries().map(\.jid) == ["other@mls.example.org"])
        #expect(await harness.host.occupantCounts() == [try JID("other@mls.example.org"): 1])
    }

    @Test func anUnknownRoomIsNotDestroyedAndNobodyIsTold() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = harness.outbox.drain()
        #expect(try await harness.host.destroy(room: try JID("nowhere@mls.example.org"), reason: nil) == nil)
        #expect(harness.outbox.drain().isEmpty)
        #expect(await harness.host.nicks(in: harness.room) == ["alice"])
    }

    @Test func aDestroyedRoomCanBeJoinedAgainAndStartsUnbound() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        await commit(harness, from: alice)
        _ = try await harness.host.destroy(room: harness.room, reason: nil)
        let rejoin = await harness.route(harness.join(alice, nick: "alice"))
        #expect(rejoin.filter { $0.child(named: "mls", namespace: MLSNamespace.mls) != nil }.isEmpty)
        let epoch = await harness.route(harness.roomIQ(alice, "epoch")).first
        #expect(epoch?.errorCondition == "item-not-found")
        #expect(await harness.host.nicks(in: harness.room) == ["alice"])
    }

    @Test func messagesFromRemovedOccupantsAreRefused() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = try await harness.host.destroy(room: harness.room, reason: nil)
        _ = harness.outbox.drain()
        let sent = await harness.route(
            harness.groupchat(alice, id: "c2", mls: H.base64(H.privateMessage(group: [5], epoch: 0, type: .commit))))
        #expect(sent.first?.errorCondition == "not-acceptable")
        #expect(try harness.store.roomSummaries().isEmpty)
    }
}
