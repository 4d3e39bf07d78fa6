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
            let x = try #require(presence.child(named: "x", namespace: XMPPNamespace.mucUser))
            let item = try #require(x.child(named: "item", namespace: XMPPNamespace.mucUser))
            #expect(item.attribute("affiliation") == "none")
            #expect(item.attribute("role") == "none")
            let destroy = try #require(x.child(named: "destroy", namespace: XMPPNamespace.mucUser))
            #expect(destroy.child(named: "reason", namespace: XMPPNamespace.mucUser)?.text == "moving on")
        }
        #expect(await harness.host.nicks(in: harness.room).isEmpty)
        #expect(try harness.store.roomSummary(jid: harness.room.description) == nil)
    }

    @Test func withoutAReasonTheDestroyElementIsEmpty() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = try await harness.host.destroy(room: harness.room, reason: nil)
        let destroy = harness.outbox.drain().first?.child(named: "x", namespace: XMPPNamespace.mucUser)?
            .child(named: "destroy", namespace: XMPPNamespace.mucUser)
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

    /// A room following alice's group: she joined, created the group and sent its first commit with the tree.
    func followedRoom() async throws -> (harness: H, group: Group) {
        let harness = try H(policy: RoomPolicy())
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = await harness.route(harness.join(bob, nick: "bob"))
        var group = try H.client("alice@example.org").createGroup()
        let tree = group.tree.wireNodes
        let commit = try await group.commit(group.commitBuilder().withPath())
        _ = try group.mergePendingCommit()
        var message = H.stanza("message", from: alice, to: harness.room.description, type: "groupchat", id: "c1")
        message.append(XMLElement(name: "mls", namespace: MLSNamespace.mls, text: H.base64(commit.commit)))
        message.append(
            XMLElement(
                name: "ratchet-tree", namespace: MLSNamespace.mls,
                attributes: [XMLAttribute(name: "cipher-suite", value: String(H.suite.rawValue))],
                text: H.base64(tree.tlsEncoded)))
        let sent = await harness.route(message)
        #expect(sent.allSatisfy { $0.attribute("type") != "error" }, "\(sent)")
        return (harness, group)
    }

    @Test func aFollowedRoomForgetsItsGroupAndOwnerWhenDestroyed() async throws {
        var (harness, group) = try await followedRoom()
        #expect(await harness.route(harness.roomIQ(alice, "members")).first?.attribute("type") == "result")
        _ = try await harness.host.destroy(room: harness.room, reason: nil)
        // bob enters first now, so he owns the new room, which follows no group.
        _ = await harness.route(harness.join(bob, nick: "bob"))
        #expect(await harness.route(harness.roomIQ(bob, "members")).first?.errorCondition == "item-not-found")
        let query = XMLElement(name: "query", namespace: XMPPNamespace.discoInfo)
        let info = await harness.route(H.iq("get", from: bob, to: harness.room.description, query))
        let policy = info.first?.elements.first?.elements.first { $0.name == "x" }
        let owners = policy.flatMap { try? DataForm($0) }?.values("owners")
        #expect(owners == ["bob@example.org"])
        // The old group's next commit would need the tree again: the room does not know it any more.
        let next = try await group.commit(group.commitBuilder().withPath())
        _ = await harness.route(harness.join(alice, nick: "alice"))
        let sent = await harness.route(harness.groupchat(alice, id: "c2", mls: H.base64(next.commit)))
        #expect(sent.first?.errorApplicationCondition?.name == "missing-ratchet-tree")
    }

    /// Checking a message suspends the room (the guard runs off the actor); a destruction can run meanwhile. The
    /// destruction starts a little later each round, so some rounds land inside the check. Whatever the
    /// interleaving, the room must stay destroyed: for a room following its group (a PublicMessage commit) and
    /// for one that does not (a PrivateMessage).
    @Test(arguments: [true, false])
    func aMessageCheckedWhileTheRoomIsDestroyedDoesNotBringItBack(followed: Bool) async throws {
        for round in 0..<40 {
            let harness: H
            let payload: [UInt8]
            if followed {
                var room = try await followedRoom()
                harness = room.harness
                payload = try await room.group.commit(room.group.commitBuilder().withPath()).commit.tlsEncoded
            } else {
                harness = try H()
                _ = await harness.route(harness.join(alice, nick: "alice"))
                await commit(harness, from: alice)
                payload = H.privateMessage(group: [5], epoch: 1, type: .application)
            }
            let (router, host, room) = (harness.router, harness.host, harness.room)
            let message = harness.groupchat(alice, id: "m", mls: H.base64(payload))
            async let routed = router.route(message)
            async let destroyed: DestroyedRoom? = {
                try await Task.sleep(for: .microseconds(50 * round))
                return try await host.destroy(room: room, reason: nil)
            }()
            _ = await routed
            #expect(try await destroyed != nil)
            #expect(try harness.store.roomSummaries().isEmpty)
            #expect(await host.occupantCounts().isEmpty)
        }
    }
}
