import DeliveryService
import Foundation
import Gateway
import MLS
import Testing
import XMPP

@Suite struct RoomHostTests {
    typealias H = GatewayHarness
    let alice = "alice@example.org/phone"
    let bob = "bob@example.org/laptop"
    let carol = "carol@example.org/desk"

    /// A harness with alice and bob in the room.
    func roomWithAliceAndBob() async throws -> H {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = await harness.route(harness.join(bob, nick: "bob"))
        return harness
    }

    func epoch(_ harness: H) async -> XMLElement? {
        await harness.route(harness.roomIQ(alice, "epoch")).first
    }

    // MARK: - Join and leave

    @Test func joinSendsOccupantsThenSelfPresenceThenHistoryThenSubject() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        var group = try H.client("alice@example.org").createGroup()
        let commit = try await group.commit(group.commitBuilder().withPath())
        _ = await harness.route(harness.groupchat(alice, id: "c1", mls: H.base64(commit.commit)))

        let sent = await harness.route(harness.join(bob, nick: "bob"))
        let toBob = sent.filter { $0.attribute("to") == bob }
        #expect(toBob.map(\.name) == ["presence", "presence", "message", "message"])
        #expect(toBob[0].attribute("from") == "room@mls.example.org/alice")
        #expect(toBob[0].mucStatuses.isEmpty)
        #expect(toBob[1].attribute("from") == "room@mls.example.org/bob")
        #expect(toBob[1].mucStatuses.contains("110"))
        let history = toBob[2]
        #expect(history.attribute("from") == "room@mls.example.org/alice")
        #expect(history.child(named: "mls", namespace: MLSNamespace.mls)?.text == H.base64(commit.commit))
        #expect(
            history.child(named: "delay", namespace: XMPPNamespace.delay)?.attribute("from") == "room@mls.example.org"
        )
        #expect(history.child(named: "stanza-id", namespace: XMPPNamespace.stanzaID) != nil)
        #expect(toBob[3].attribute("from") == "room@mls.example.org")
        #expect(toBob[3].attribute("type") == "groupchat")
        #expect(toBob[3].child(named: "subject", namespace: XMPPNamespace.component) != nil)

        let toAlice = sent.filter { $0.attribute("to") == alice }
        #expect(toAlice.count == 1)
        #expect(toAlice.first?.attribute("from") == "room@mls.example.org/bob")
        #expect(await harness.host.nicks(in: harness.room) == ["alice", "bob"])
    }

    @Test(arguments: [["maxchars": "0"], ["maxstanzas": "0"]])
    func joinHonoursAHistoryRequestForNone(_ history: [String: String]) async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        var group = try H.client("alice@example.org").createGroup()
        let commit = try await group.commit(group.commitBuilder().withPath())
        _ = await harness.route(harness.groupchat(alice, id: "c1", mls: H.base64(commit.commit)))
        let sent = await harness.route(harness.join(bob, nick: "bob", history: history))
        let toBob = sent.filter { $0.attribute("to") == bob }
        #expect(toBob.map(\.name) == ["presence", "presence", "message"])
        #expect(toBob.last?.child(named: "subject", namespace: XMPPNamespace.component) != nil)
    }

    @Test func aTakenNickGetsConflictAndDoesNotJoin() async throws {
        let harness = try await roomWithAliceAndBob()
        let sent = await harness.route(harness.join(carol, nick: "alice"))
        #expect(sent.count == 1)
        #expect(sent.first?.name == "presence")
        #expect(sent.first?.attribute("type") == "error")
        #expect(sent.first?.attribute("to") == carol)
        #expect(sent.first?.errorCondition == "conflict")
        #expect(await harness.host.nicks(in: harness.room) == ["alice", "bob"])
    }

    @Test func leavingTellsTheOthersAndTheLeaverWithStatus110() async throws {
        let harness = try await roomWithAliceAndBob()
        let sent = await harness.route(harness.leave(bob, nick: "bob"))
        #expect(sent.count == 2)
        #expect(
            sent.allSatisfy {
                $0.attribute("type") == "unavailable" && $0.attribute("from") == "room@mls.example.org/bob"
            }
        )
        #expect(sent.first { $0.attribute("to") == alice } != nil)
        #expect(sent.first { $0.attribute("to") == bob }?.mucStatuses == ["110"])
        #expect(await harness.host.nicks(in: harness.room) == ["alice"])
        let refused = await harness.route(harness.groupchat(bob, id: "x", mls: "AAAA"))
        #expect(refused.first?.errorCondition == "not-acceptable")
    }

    @Test func aRoomIsCreatedOnFirstJoinAndPersists() async throws {
        let harness = try H()
        #expect(await harness.route(harness.roomIQ(alice, "epoch")).first?.errorText?.contains("no room") == true)
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = await harness.route(harness.leave(alice, nick: "alice"))
        #expect(try RoomSequencer(store: harness.store).roomExists(harness.room))
    }

    // MARK: - Messages

    @Test func anAcceptedCommitIsReflectedToEveryOccupantWithAStanzaID() async throws {
        let harness = try await roomWithAliceAndBob()
        var group = try H.client("alice@example.org").createGroup()
        let commit = try await group.commit(group.commitBuilder().withPath())
        let sent = await harness.route(harness.groupchat(alice, id: "m1", mls: H.base64(commit.commit)))
        #expect(sent.map { $0.attribute("to") } == [alice, bob])
        let ids = sent.compactMap { $0.child(named: "stanza-id", namespace: XMPPNamespace.stanzaID) }
        #expect(ids.count == 2)
        #expect(Set(ids.map { $0.attribute("id") }).count == 1)
        #expect(ids.allSatisfy { $0.attribute("by") == "room@mls.example.org" })
        for message in sent {
            #expect(message.attribute("from") == "room@mls.example.org/alice")
            #expect(message.attribute("type") == "groupchat")
            #expect(message.attribute("id") == "m1")
            #expect(message.child(named: "mls", namespace: MLSNamespace.mls)?.text == H.base64(commit.commit))
        }
        #expect(await epoch(harness)?.elements.first?.attribute("epoch") == "1")
    }

    @Test func aStaleCommitGetsConflictAndStaleEpochAndIsNotReflected() async throws {
        let harness = try await roomWithAliceAndBob()
        let group = try H.client("alice@example.org").createGroup()
        var first = group
        var second = group
        let winner = try await first.commit(first.commitBuilder().withPath())
        let loser = try await second.commit(second.commitBuilder().withPath())
        _ = await harness.route(harness.groupchat(alice, id: "m1", mls: H.base64(winner.commit)))
        let sent = await harness.route(harness.groupchat(bob, id: "m2", mls: H.base64(loser.commit)))
        #expect(sent.count == 1)
        let error = try #require(sent.first)
        #expect(error.name == "message")
        #expect(error.attribute("type") == "error")
        #expect(error.attribute("to") == bob)
        #expect(error.attribute("from") == "room@mls.example.org")
        #expect(error.attribute("id") == "m2")
        #expect(error.errorCondition == "conflict")
        let stale = try #require(error.errorApplicationCondition)
        #expect(stale.name == "stale-epoch")
        #expect(stale.namespace == MLSNamespace.mls)
        #expect(stale.attribute("epoch") == "1")
        #expect(await epoch(harness)?.elements.first?.attribute("epoch") == "1")
    }

    /// Publishes carol's KeyPackage and has alice fetch it, so that a Welcome naming it can be routed.
    func servedKeyPackage(_ harness: H, for identity: String, from: String) async throws -> UnverifiedKeyPackage {
        let keyPackage = try H.client(identity).makeKeyPackage().keyPackage
        let bytes = MLSMessage(body: .keyPackage(keyPackage)).tlsEncoded
        _ = await harness.route(
            H.iq(
                "set",
                from: from,
                to: "mls.example.org",
                H.keyPackages("publish", children: [H.keyPackageElement(bytes)])
            )
        )
        let fetched = await harness.route(
            H.iq(
                "get",
                from: alice,
                to: "mls.example.org",
                H.keyPackages("fetch", ["jid": identity, "cipher-suite": "1"])
            )
        )
        #expect(fetched.last?.attribute("type") == "result")
        return keyPackage
    }

    @Test func aWelcomeIsDeliveredWhenItsCommitIsAccepted() async throws {
        let harness = try await roomWithAliceAndBob()
        let keyPackage = try await servedKeyPackage(harness, for: "carol@example.org", from: carol)
        var group = try H.client("alice@example.org").createGroup()
        let add = try await group.commit(group.commitBuilder().adding(keyPackage).withPath())
        let welcome = try #require(add.welcome)
        let sent = await harness.route(
            harness.groupchat(
                alice,
                id: "m1",
                mls: H.base64(add.commit),
                welcome: H.base64(welcome),
                groupInfo: H.base64(add.groupInfo)
            )
        )
        #expect(sent.map { $0.attribute("to") } == [alice, bob, "carol@example.org"])
        let delivery = try #require(sent.last)
        #expect(delivery.attribute("from") == "room@mls.example.org")
        #expect(delivery.child(named: "welcome", namespace: MLSNamespace.mls)?.text == H.base64(welcome))
        #expect(sent.dropLast().allSatisfy { $0.child(named: "welcome", namespace: MLSNamespace.mls) == nil })
    }

    @Test func aWelcomeGoesWhereItsToAttributeSays() async throws {
        let harness = try await roomWithAliceAndBob()
        let keyPackage = try await servedKeyPackage(harness, for: "carol@example.org", from: carol)
        var group = try H.client("alice@example.org").createGroup()
        let add = try await group.commit(group.commitBuilder().adding(keyPackage).withPath())
        let sent = await harness.route(
            harness.groupchat(
                alice,
                id: "m1",
                mls: H.base64(add.commit),
                welcome: H.base64(try #require(add.welcome)),
                welcomeTo: "dave@example.org/tablet"
            )
        )
        #expect(sent.last?.attribute("to") == "dave@example.org")
    }

    @Test func aWelcomeWithALosingCommitIsNeverDelivered() async throws {
        let harness = try await roomWithAliceAndBob()
        let keyPackage = try await servedKeyPackage(harness, for: "carol@example.org", from: carol)
        let group = try H.client("alice@example.org").createGroup()
        var first = group
        var second = group
        let winner = try await first.commit(first.commitBuilder().withPath())
        let add = try await second.commit(second.commitBuilder().adding(keyPackage).withPath())
        _ = await harness.route(harness.groupchat(bob, id: "m1", mls: H.base64(winner.commit)))
        let sent = await harness.route(
            harness.groupchat(alice, id: "m2", mls: H.base64(add.commit), welcome: H.base64(try #require(add.welcome)))
        )
        #expect(sent.count == 1)
        #expect(sent.first?.attribute("type") == "error")
        #expect(sent.allSatisfy { $0.attribute("to") != "carol@example.org" })
    }

    @Test(
        arguments: [
            ("@@not base64@@", "bad-request", nil),
            ("AQID", "bad-request", "malformed-message"),
        ] as [(String, String, String?)]
    )
    func aMalformedPayloadIsRefusedWithoutStateChange(_ text: String, _ condition: String, _ code: String?)
        async throws
    {
        let harness = try await roomWithAliceAndBob()
        let sent = await harness.route(harness.groupchat(alice, id: "bad", mls: text))
        #expect(sent.count == 1)
        #expect(sent.first?.attribute("type") == "error")
        #expect(sent.first?.errorCondition == condition)
        #expect(sent.first?.errorText?.isEmpty == false)
        #expect(sent.first?.errorApplicationCondition?.name == code)
        #expect(await epoch(harness)?.errorCondition == "item-not-found")
        let history = await harness.route(harness.roomIQ(alice, "history"))
        #expect(history.first?.elements.first?.elements.isEmpty == true)
    }

    @Test func aMessageForAnotherGroupIsRefusedWithoutStateChange() async throws {
        let harness = try await roomWithAliceAndBob()
        var group = try H.client("alice@example.org").createGroup()
        let commit = try await group.commit(group.commitBuilder().withPath())
        _ = await harness.route(harness.groupchat(alice, id: "m1", mls: H.base64(commit.commit)))
        let other = H.privateMessage(group: Array(repeating: 7, count: 16), epoch: 1)
        let sent = await harness.route(harness.groupchat(alice, id: "m2", mls: H.base64(other)))
        #expect(sent.first?.errorCondition == "bad-request")
        #expect(sent.first?.errorApplicationCondition?.name == "wrong-group")
        #expect(await epoch(harness)?.elements.first?.attribute("epoch") == "1")
        let history = await harness.route(harness.roomIQ(alice, "history"))
        #expect(history.first?.elements.first?.elements.count == 1)
    }

    @Test func aMessageWithoutMLSOrFromANonOccupantIsRefused() async throws {
        let harness = try await roomWithAliceAndBob()
        var plain = H.stanza("message", from: alice, to: "room@mls.example.org", type: "groupchat", id: "p")
        plain.append(XMLElement(name: "body", namespace: XMPPNamespace.component, text: "hello"))
        #expect(await harness.route(plain).first?.errorCondition == "not-acceptable")
        #expect(
            await harness.route(harness.groupchat(carol, id: "c", mls: "AAAA")).first?.errorCondition
                == "not-acceptable"
        )
    }

    @Test func anOversizedPayloadIsRefusedWithoutStateChange() async throws {
        let harness = try H(sequencer: SequencerConfiguration(maximumPayloadBytes: 64))
        _ = await harness.route(harness.join(alice, nick: "alice"))
        var group = try H.client("alice@example.org").createGroup()
        let commit = try await group.commit(group.commitBuilder().withPath())
        #expect(commit.commit.tlsEncoded.count > 64)
        let sent = await harness.route(harness.groupchat(alice, id: "big", mls: H.base64(commit.commit)))
        #expect(sent.count == 1)
        #expect(sent.first?.errorCondition == "bad-request")
        #expect(sent.first?.errorApplicationCondition?.name == "payload-too-large")
        #expect(sent.first?.errorText?.contains("at most 64") == true)
        #expect(await epoch(harness)?.errorCondition == "item-not-found")
    }

    // MARK: - IQs

    @Test func groupInfoAndEpochAnswerFromTheLatestCommit() async throws {
        let harness = try await roomWithAliceAndBob()
        #expect(await harness.route(harness.roomIQ(bob, "group-info")).first?.errorCondition == "item-not-found")
        var group = try H.client("alice@example.org").createGroup()
        let commit = try await group.commit(group.commitBuilder().withPath())
        _ = await harness.route(
            harness.groupchat(alice, id: "m1", mls: H.base64(commit.commit), groupInfo: H.base64(commit.groupInfo))
        )
        let reply = await harness.route(harness.roomIQ(bob, "group-info"))
        #expect(reply.first?.attribute("type") == "result")
        #expect(
            reply.first?.child(named: "group-info", namespace: MLSNamespace.mls)?.text == H.base64(commit.groupInfo)
        )
        #expect(await epoch(harness)?.child(named: "epoch", namespace: MLSNamespace.mls)?.attribute("epoch") == "1")
    }

    @Test func historyReturnsAcceptedMessagesAfterAnIDInOrderAndPaged() async throws {
        let harness = try await roomWithAliceAndBob()
        var group = try H.client("alice@example.org").createGroup()
        let commit = try await group.commit(group.commitBuilder().withPath())
        var ids: [String] = []
        var payloads = [H.base64(commit.commit)]
        for _ in 0..<3 {
            payloads.append(H.base64(H.privateMessage(group: group.groupID, epoch: 1)))
        }
        for (index, payload) in payloads.enumerated() {
            let sent = await harness.route(harness.groupchat(alice, id: "m\(index)", mls: payload))
            ids.append(
                try #require(sent.first?.child(named: "stanza-id", namespace: XMPPNamespace.stanzaID)?.attribute("id"))
            )
        }
        let all = await harness.route(harness.roomIQ(bob, "history", ["after": ids[0]]))
        let page = try #require(all.first?.child(named: "history", namespace: MLSNamespace.mls))
        #expect(page.attribute("complete") == "true")
        #expect(page.elements.map { $0.attribute("stanza-id") } == Array(ids[1...]))
        #expect(
            page.elements.map { $0.child(named: "mls", namespace: MLSNamespace.mls)?.text } == Array(payloads[1...])
        )
        #expect(page.elements.first?.attribute("from") == "room@mls.example.org/alice")
        #expect(page.elements.first?.attribute("content-type") == "application")

        let first = await harness.route(harness.roomIQ(bob, "history", ["max": "2"]))
        let partial = try #require(first.first?.child(named: "history", namespace: MLSNamespace.mls))
        #expect(partial.attribute("complete") == "false")
        #expect(partial.elements.map { $0.attribute("stanza-id") } == Array(ids[0..<2]))
        #expect(partial.elements.first?.attribute("content-type") == "commit")

        let unknown = await harness.route(harness.roomIQ(bob, "history", ["after": "nope"]))
        #expect(unknown.first?.errorCondition == "item-not-found")
    }

    @Test func roomRequestsToTheDomainAreBadRequests() async throws {
        let harness = try H()
        let reply = await harness.route(
            H.iq("get", from: alice, to: "mls.example.org", XMLElement(name: "epoch", namespace: MLSNamespace.mls))
        )
        #expect(reply.first?.errorCondition == "bad-request")
    }
}
