import DeliveryService
import Foundation
import MLS
import Synchronization
import Testing
import XMPP

@testable import Gateway

@Suite struct AdminCommandsTests {
    typealias A = AdminHarness
    typealias H = GatewayHarness
    let alice = "alice@example.org/phone"
    let bob = "bob@example.org/laptop"

    func disco(_ namespace: String, node: String?, from: String = A.admin, _ harness: A) async -> XMLElement? {
        var query = XMLElement(name: "query", namespace: namespace)
        query.setAttribute("node", to: node)
        return await harness.route(H.iq("get", from: from, to: harness.domain.description, query)).first
    }

    /// The reply's stanza error condition, its XEP-0050 condition and its text.
    func refusal(_ reply: XMLElement) -> (String?, String?, String?) {
        (reply.errorCondition, reply.errorApplicationCondition?.name, reply.errorText)
    }

    // MARK: - Discovery

    @Test func discoInfoOfTheDomainAdvertisesCommands() async throws {
        let harness = try A()
        let reply = await disco(XMPPNamespace.discoInfo, node: nil, from: A.stranger, harness)
        let query = try #require(reply?.elements.first)
        let features = query.elements.filter { $0.name == "feature" }.compactMap { $0.attribute("var") }
        #expect(features.contains(AdHocCommand.namespace))
    }

    @Test func theCommandListIsShownToAdminsOnly() async throws {
        let harness = try A()
        let listed = try #require(await disco(XMPPNamespace.discoItems, node: AdHocCommand.namespace, harness))
        let items = try #require(listed.elements.first).elements.filter { $0.name == "item" }
        #expect(items.compactMap { $0.attribute("node") } == AdminCommand.allCases.map(\.node))
        #expect(items.allSatisfy { $0.attribute("jid") == "mls.example.org" && $0.attribute("name") != nil })

        let hidden = try #require(
            await disco(XMPPNamespace.discoItems, node: AdHocCommand.namespace, from: A.stranger, harness))
        #expect(hidden.attribute("type") == "result")
        #expect(try #require(hidden.elements.first).elements.isEmpty)
    }

    @Test func aCommandNodeDescribesItselfToAdminsAndIsForbiddenToOthers() async throws {
        let harness = try A()
        let node = AdminCommand.destroyRoom.node
        let info = try #require(await disco(XMPPNamespace.discoInfo, node: node, harness)?.elements.first)
        #expect(info.attribute("node") == node)
        let identity = info.child(named: "identity", namespace: XMPPNamespace.discoInfo)
        #expect(identity?.attribute("category") == "automation")
        #expect(identity?.attribute("type") == "command-node")
        let features = Set(info.elements.compactMap { $0.attribute("var") })
        #expect(features == [AdHocCommand.namespace, DataForm.namespace])

        let refused = try #require(await disco(XMPPNamespace.discoInfo, node: node, from: A.stranger, harness))
        #expect(refused.errorCondition == "forbidden")
    }

    // MARK: - Refusals

    @Test(arguments: AdminCommand.allCases.map(\.node) + ["urn:example:unknown"])
    func nonAdminsAreForbiddenEveryNode(node: String) async throws {
        let harness = try A()
        await harness.join(alice, nick: "alice")
        let (reply, sent) = try await harness.command(A.stranger, node: node)
        #expect(reply.errorCondition == "forbidden")
        #expect(reply.errorText?.contains("[admin] jids") == true)
        #expect(sent.isEmpty)
        let continued = try await harness.command(
            A.stranger, node: node, sessionID: "s1",
            form: A.submission(["room": ["room@mls.example.org"], "confirm": ["true"]]))
        #expect(continued.reply.errorCondition == "forbidden")
        #expect(try harness.store.roomSummaries().count == 1)
    }

    @Test func anUnknownNodeIsItemNotFound() async throws {
        let harness = try A()
        let (reply, _) = try await harness.command(node: "urn:xmpp:mls:admin:reboot")
        #expect(reply.errorCondition == "item-not-found")
    }

    @Test func commandsSentToARoomAreNotServed() async throws {
        let harness = try A()
        let (reply, _) = try await harness.command(.listRooms, to: "room@mls.example.org")
        #expect(reply.errorCondition == "service-unavailable")
    }

    @Test func aMalformedActionOrGoingBackIsRefused() async throws {
        let harness = try A()
        let malformed = try await harness.command(node: AdminCommand.listRooms.node, action: "reboot").reply
        #expect(refusal(malformed).0 == "bad-request")
        #expect(refusal(malformed).1 == "malformed-action")
        let back = try await harness.command(.showRoom, action: .prev).reply
        #expect(refusal(back).1 == "bad-action")
    }

    // MARK: - list-rooms

    @Test func listRoomsIsATableOfEveryRoom() async throws {
        let harness = try A()
        await harness.join(alice, nick: "alice")
        await harness.join(bob, nick: "bob")
        await harness.traffic(alice, group: [1, 2])
        await harness.join(bob, nick: "bob", room: "quiet@mls.example.org")

        let answer = try A.answer(try await harness.command(.listRooms).reply)
        #expect(answer.status == .completed)
        #expect(answer.sessionID != nil)
        #expect(answer.allowedActions.isEmpty)
        let form = try #require(answer.form)
        #expect(form.kind == .result)
        #expect(form.fields.isEmpty)
        #expect(
            form.reported?.compactMap(\.variable) == [
                "room", "epoch", "occupants", "commits", "proposals", "application-messages", "last-accepted",
            ])
        #expect(form.column("room") == [["quiet@mls.example.org"], ["room@mls.example.org"]])
        #expect(form.column("epoch") == [["0"], ["1"]])
        #expect(form.column("occupants") == [["1"], ["2"]])
        #expect(form.column("commits") == [["0"], ["1"]])
        #expect(form.column("application-messages") == [["0"], ["1"]])
        #expect(form.column("last-accepted")[0].isEmpty)
        #expect(form.column("last-accepted")[1].count == 1)
        #expect(answer.notes == [AdHocCommand.Note(.info, "2 rooms")])
    }

    // MARK: - show-room

    @Test func showRoomAsksForTheRoomThenShowsItsDetails() async throws {
        let harness = try A()
        await harness.join(alice, nick: "alice")
        await harness.traffic(alice, group: [0xAB, 0x01])

        let first = try A.answer(try await harness.command(.showRoom).reply)
        #expect(first.status == .executing)
        #expect(first.sessionID == "s1")
        #expect(first.allowedActions == [.complete])
        #expect(first.executeAction == .complete)
        let asked = try #require(first.form)
        #expect(asked.kind == .form)
        #expect(asked.field("room")?.type == .jidSingle)
        #expect(asked.field("room")?.isRequired == true)

        let submitted = A.submission(["room": ["room@mls.example.org"]])
        let answer = try A.answer(try await harness.command(.showRoom, sessionID: "s1", form: submitted).reply)
        #expect(answer.status == .completed)
        #expect(answer.sessionID == "s1")
        let form = try #require(answer.form)
        #expect(form.kind == .result)
        #expect(form.value("room") == "room@mls.example.org")
        #expect(form.value("group-id") == "ab01")
        #expect(form.value("epoch") == "1")
        #expect(form.value("commits") == "1")
        #expect(form.value("proposals") == "0")
        #expect(form.value("application-messages") == "1")
        #expect(form.value("senders") == "1")
        #expect(form.values("last-accepted")?.count == 1)
        #expect(form.value("occupant-count") == "1")
        #expect(form.values("occupants") == ["alice \(alice)"])
        #expect(form.values("owners") == ["alice@example.org"])
        #expect(form.values("admins") == [])
        #expect(form.value("handshakes") == "private-allowed")
        #expect(form.values("member-count") == [])
        #expect(answer.notes.map(\.text) == [
            "the room does not follow its group (PrivateMessage handshakes allowed): members unknown"
        ])
    }

    @Test func aRoomFollowingItsGroupShowsItsMembersAndPolicy() async throws {
        let harness = try A(policy: RoomPolicy(membershipChanges: .ownersAndAdmins, idleEvictionEpochs: 7))
        await harness.join(bob, nick: "bob")
        await harness.join(alice, nick: "alice")
        let sent = try await harness.followedCommit(alice, identity: "alice@example.org")
        #expect(sent.allSatisfy { $0.attribute("type") != "error" }, "\(sent)")

        let answer = try A.answer(try await harness.run(.showRoom, ["room": ["room@mls.example.org"]]).reply)
        let form = try #require(answer.form)
        #expect(form.value("member-count") == "1")
        #expect(form.values("members") == ["0 alice@example.org"])
        #expect(form.values("owners") == ["bob@example.org"])
        #expect(form.value("membership-changes") == "owners-and-admins")
        #expect(form.value("handshakes") == "public")
        #expect(form.value("external-joins") == "0")
        #expect(form.value("members-only") == "0")
        #expect(form.value("idle-eviction-epochs") == "7")
        #expect(form.value("policy")?.contains("owners and admins add and remove") == true)
        #expect(form.value("occupant-count") == "2")
        #expect(answer.notes.isEmpty)
    }

    @Test func anUnboundRoomIsShownWithANote() async throws {
        let harness = try A()
        await harness.join(alice, nick: "alice")
        let answer = try A.answer(try await harness.run(.showRoom, ["room": ["room@mls.example.org"]]).reply)
        #expect(answer.form?.values("group-id") == [])
        #expect(answer.notes.map(\.kind) == [.info])
    }

    @Test(arguments: [
        ([String: [String]](), "fill in the room field"),
        (["room": ["  "]], "fill in the room field"),
        (["room": ["a@mls.example.org", "b@mls.example.org"]], "takes one value"),
        (["room": ["not a jid@"]], "is not a room of mls.example.org"),
        (["room": ["room@elsewhere.example"]], "is not a room of mls.example.org"),
        (["room": ["mls.example.org"]], "is not a room of mls.example.org"),
        (["room": ["room@mls.example.org/alice"]], "is not a room of mls.example.org"),
        (["room": ["nowhere@mls.example.org"]], "there is no room nowhere@mls.example.org"),
    ])
    func badInputIsABadPayloadAndTheFormCanBeSentAgain(fields: [String: [String]], text: String) async throws {
        let harness = try A()
        await harness.join(alice, nick: "alice")
        let first = try A.answer(try await harness.command(.showRoom).reply)
        let refused = try await harness.command(
            .showRoom, sessionID: first.sessionID, form: A.submission(fields)
        ).reply
        #expect(refusal(refused).0 == "bad-request")
        #expect(refusal(refused).1 == "bad-payload")
        #expect(refusal(refused).2?.contains(text) == true, "\(refusal(refused).2 ?? "")")
        let retried = try await harness.command(
            .showRoom, sessionID: first.sessionID, form: A.submission(["room": ["room@mls.example.org"]]))
        #expect(try A.answer(retried.reply).status == .completed)
    }

    @Test func aStageWithoutItsFormIsABadPayload() async throws {
        let harness = try A()
        let first = try A.answer(try await harness.command(.showRoom).reply)
        let refused = try await harness.command(.showRoom, sessionID: first.sessionID).reply
        #expect(refusal(refused).1 == "bad-payload")
        let next = try await harness.command(.showRoom, sessionID: first.sessionID, action: .next).reply
        #expect(refusal(next).1 == "bad-action")
    }

    // MARK: - Sessions

    @Test func aCompletedSessionCannotBeUsedAgain() async throws {
        let harness = try A()
        await harness.join(alice, nick: "alice")
        let done = try A.answer(try await harness.run(.showRoom, ["room": ["room@mls.example.org"]]).reply)
        let again = try await harness.command(
            .showRoom, sessionID: done.sessionID, form: A.submission(["room": ["room@mls.example.org"]])
        ).reply
        #expect(refusal(again).0 == "not-allowed")
        #expect(refusal(again).1 == "session-expired")
    }

    @Test func aSessionBelongsToTheFullJIDThatStartedIt() async throws {
        let harness = try A()
        await harness.join(alice, nick: "alice")
        let first = try A.answer(try await harness.command(.showRoom).reply)
        let form = A.submission(["room": ["room@mls.example.org"]])
        let otherDevice = try await harness.command(
            .showRoom, from: A.otherAdminDevice, sessionID: first.sessionID, form: form)
        #expect(refusal(otherDevice.reply).1 == "session-expired")
        let otherNode = try await harness.command(.keyPackageStock, sessionID: first.sessionID, form: form)
        #expect(refusal(otherNode.reply).1 == "bad-sessionid")
        let owner = try await harness.command(.showRoom, sessionID: first.sessionID, form: form)
        #expect(try A.answer(owner.reply).status == .completed)
    }

    @Test func anUnfinishedSessionExpires() async throws {
        let harness = try A()
        await harness.join(alice, nick: "alice")
        let first = try A.answer(try await harness.command(.showRoom).reply)
        harness.clock.advance(601)
        let late = try await harness.command(
            .showRoom, sessionID: first.sessionID, form: A.submission(["room": ["room@mls.example.org"]])
        ).reply
        #expect(refusal(late).1 == "session-expired")
    }

    @Test func tooManyWaitingSessionsAreRefused() async throws {
        let harness = try A(maximumSessions: 2)
        _ = try await harness.command(.showRoom)
        _ = try await harness.command(.keyPackageStock)
        let third = try await harness.command(.destroyRoom).reply
        #expect(third.errorCondition == "resource-constraint")
        #expect(try A.answer(try await harness.command(.listRooms).reply).status == .completed)
        harness.clock.advance(601)
        #expect(try A.answer(try await harness.command(.destroyRoom).reply).status == .executing)
    }

    @Test func cancelEndsTheSession() async throws {
        let harness = try A()
        await harness.join(alice, nick: "alice")
        let first = try A.answer(try await harness.command(.destroyRoom).reply)
        let canceled = try A.answer(
            try await harness.command(.destroyRoom, sessionID: first.sessionID, action: .cancel).reply)
        #expect(canceled.status == .canceled)
        #expect(canceled.sessionID == first.sessionID)
        let after = try await harness.command(
            .destroyRoom, sessionID: first.sessionID,
            form: A.submission(["room": ["room@mls.example.org"], "confirm": ["true"]]))
        #expect(refusal(after.reply).1 == "session-expired")
        #expect(after.sent.isEmpty)
        #expect(try harness.store.roomSummaries().count == 1)
        #expect(await harness.rooms.host.nicks(in: harness.rooms.room) == ["alice"])
    }

    @Test func cancelNeedsALiveSession() async throws {
        let harness = try A()
        let bare = try await harness.command(.destroyRoom, action: .cancel).reply
        #expect(refusal(bare).1 == "bad-sessionid")
        let unknown = try await harness.command(.destroyRoom, sessionID: "s9", action: .cancel).reply
        #expect(refusal(unknown).1 == "session-expired")
    }

    // MARK: - list-bots

    @Test func listBotsShowsEachBotItsKindAndRooms() async throws {
        let harness = try A(bots: [
            BotListing(
                jid: try JID("echo@mls.example.org"), kind: "echo",
                rooms: [try JID("a@mls.example.org"), try JID("b@mls.example.org")]),
            BotListing(jid: try JID("quiet@mls.example.org"), kind: "echo", rooms: []),
        ])
        let answer = try A.answer(try await harness.command(.listBots).reply)
        let form = try #require(answer.form)
        #expect(form.reported?.compactMap(\.variable) == ["bot", "kind", "rooms"])
        #expect(form.reported?.last?.type == .jidMulti)
        #expect(form.column("bot") == [["echo@mls.example.org"], ["quiet@mls.example.org"]])
        #expect(form.column("kind") == [["echo"], ["echo"]])
        #expect(form.column("rooms") == [["a@mls.example.org", "b@mls.example.org"], []])
        #expect(answer.notes == [AdHocCommand.Note(.info, "2 bots")])
    }

    @Test func withoutBotsTheTableIsEmptyAndANoteSaysSo() async throws {
        let answer = try A.answer(try await A().command(.listBots).reply)
        #expect(answer.form?.items.isEmpty == true)
        #expect(answer.notes == [AdHocCommand.Note(.info, "no bots are configured")])
    }

    // MARK: - keypackage-stock

    @Test func keyPackageStockShowsAUsersKeyPackagesPerSuite() async throws {
        let harness = try A()
        let client = try H.client("alice@example.org")
        let directory = KeyPackageDirectory(store: harness.store)
        func keyPackage() throws -> [UInt8] {
            MLSMessage(body: .keyPackage(try client.makeKeyPackage().keyPackage)).tlsEncoded
        }
        _ = try directory.publish(
            [KeyPackageUpload(bytes: try keyPackage()), KeyPackageUpload(bytes: try keyPackage(), lastResort: true)],
            publisher: try JID(alice), now: harness.clock.now())
        let answer = try A.answer(try await harness.run(.keyPackageStock, ["jid": [alice]]).reply)
        let form = try #require(answer.form)
        #expect(form.title == "KeyPackages of alice@example.org")
        #expect(
            form.reported?.compactMap(\.variable) == [
                "cipher-suite", "suite-name", "available", "last-resort", "expired", "next-expiry",
            ])
        #expect(form.column("cipher-suite") == [["1"]])
        #expect(form.column("suite-name") == [["MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519"]])
        #expect(form.column("available") == [["1"]])
        #expect(form.column("last-resort") == [["1"]])
        #expect(form.column("expired") == [["0"]])
        #expect(answer.notes.isEmpty)
    }

    @Test func aUserWithoutKeyPackagesGetsAWarning() async throws {
        let answer = try A.answer(try await A().run(.keyPackageStock, ["jid": ["carol@example.org"]]).reply)
        #expect(answer.form?.items.isEmpty == true)
        #expect(answer.notes.map(\.kind) == [.warn])
    }

    @Test func aBadUserJIDIsABadPayload() async throws {
        let refused = try await A().run(.keyPackageStock, ["jid": ["@example.org"]]).reply
        #expect(refusal(refused).1 == "bad-payload")
        #expect(refusal(refused).2 == "'@example.org' is not a JID")
    }

    // MARK: - destroy-room

    @Test func destroyRoomRemovesTheRoomAndTellsItsOccupants() async throws {
        let harness = try A()
        await harness.join(alice, nick: "alice")
        await harness.join(bob, nick: "bob")
        await harness.traffic(alice, group: [3])
        await harness.join(bob, nick: "bob", room: "other@mls.example.org")

        let first = try A.answer(try await harness.command(.destroyRoom).reply)
        let asked = try #require(first.form)
        #expect(asked.fields.compactMap(\.variable) == ["room", "reason", "confirm"])
        #expect(asked.field("confirm")?.type == .boolean)
        #expect(asked.field("confirm")?.isRequired == true)

        let (reply, sent) = try await harness.command(
            .destroyRoom, sessionID: first.sessionID,
            form: A.submission(["room": ["room@mls.example.org"], "reason": ["spring cleaning"], "confirm": ["1"]]))
        let answer = try A.answer(reply)
        #expect(answer.status == .completed)
        #expect(
            answer.notes == [
                AdHocCommand.Note(
                    .info, "destroyed room@mls.example.org: 2 accepted messages deleted, 2 occupants removed")
            ])
        #expect(sent.map { $0.attribute("to") } == [alice, bob])
        let reasons = sent.map {
            $0.child(named: "x", namespace: XMPPNamespace.mucUser)?
                .child(named: "destroy", namespace: XMPPNamespace.mucUser)?
                .child(named: "reason", namespace: XMPPNamespace.mucUser)?.text
        }
        #expect(reasons == ["spring cleaning", "spring cleaning"])
        #expect(try harness.store.roomSummaries().map(\.jid) == ["other@mls.example.org"])
        #expect(await harness.rooms.host.nicks(in: harness.rooms.room).isEmpty)
        let listed = try A.answer(try await harness.command(.listRooms).reply)
        #expect(listed.form?.column("room") == [["other@mls.example.org"]])
    }

    @Test(arguments: [
        (["room": ["room@mls.example.org"]], "set confirm to true"),
        (["room": ["room@mls.example.org"], "confirm": ["false"]], "set confirm to true"),
        (["room": ["room@mls.example.org"], "confirm": ["yes"]], "set confirm to true"),
        (["room": ["nowhere@mls.example.org"], "confirm": ["true"]], "there is no room"),
        (["room": ["room@mls.example.org"], "confirm": ["true"], "reason": [String(repeating: "x", count: 501)]],
         "at most 500"),
        (["confirm": ["true"]], "fill in the room field"),
    ])
    func destroyRoomWithBadInputChangesNothing(fields: [String: [String]], text: String) async throws {
        let harness = try A()
        await harness.join(alice, nick: "alice")
        await harness.traffic(alice, group: [3])
        let (reply, sent) = try await harness.run(.destroyRoom, fields)
        #expect(refusal(reply).0 == "bad-request")
        #expect(refusal(reply).1 == "bad-payload")
        #expect(refusal(reply).2?.contains(text) == true, "\(refusal(reply).2 ?? "")")
        #expect(sent.isEmpty)
        #expect(try harness.store.roomSummary(jid: "room@mls.example.org")?.commits == 1)
        #expect(await harness.rooms.host.nicks(in: harness.rooms.room) == ["alice"])
    }

    // MARK: - remove-bot

    @Test func removeBotHasTheBotLeaveAndSaysHow() async throws {
        let asked = Mutex<[String]>([])
        let harness = try A { bot, room in
            asked.withLock { $0.append("\(bot) \(room)") }
            switch bot.localpart {
            case "echo": return .proposed(selfRemove: true)
            case "old": return .proposed(selfRemove: false)
            case "idle": return .notAMember
            default: return nil
            }
        }
        let first = try A.answer(try await harness.command(.removeBot).reply)
        #expect(first.form?.fields.compactMap(\.variable) == ["bot", "room"])

        let (reply, _) = try await harness.run(
            .removeBot, ["bot": ["echo@mls.example.org/x"], "room": ["room@mls.example.org"]])
        #expect(
            try A.answer(reply).notes == [
                AdHocCommand.Note(
                    .info,
                    "echo@mls.example.org proposed its SelfRemove from room@mls.example.org's group and left the room; "
                        + "any member's next commit removes it")
            ])
        let (fallback, _) = try await harness.run(
            .removeBot, ["bot": ["old@mls.example.org"], "room": ["room@mls.example.org"]])
        #expect(try A.answer(fallback).notes.first?.kind == .warn)
        #expect(try A.answer(fallback).notes.first?.text.contains("not every member supports SelfRemove") == true)
        #expect(
            asked.withLock { $0 }
                == ["echo@mls.example.org room@mls.example.org", "old@mls.example.org room@mls.example.org"])

        for (bot, text) in [("idle@mls.example.org", "is not a member"), ("alice@example.org", "is not a bot")] {
            let (refused, sent) = try await harness.run(.removeBot, ["bot": [bot], "room": ["room@mls.example.org"]])
            #expect(refused.errorApplicationCondition?.name == "bad-payload")
            #expect(refused.errorText?.contains(text) == true, "\(bot)")
            #expect(sent.isEmpty)
        }
    }
}
