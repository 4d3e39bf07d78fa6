import DeliveryService
import Foundation
import Gateway
import MLS
import Testing
import XMPP

@Suite struct BotRunnerTests {
    typealias H = GatewayHarness
    let alice = "alice@example.org/phone"

    /// Alice enters the room, fetches the bot's KeyPackage, creates the group and adds the bot; the bot joins.
    func roomWithBot(_ harness: BotHarness, _ runner: BotRunner) async throws -> Group {
        try await runner.start()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        let keyPackage = try await harness.fetchBotKeyPackage(from: alice)
        var group = try H.client("alice@example.org").createGroup()
        let add = try await group.commit(group.commitBuilder().adding(keyPackage).withPath())
        let sent = await harness.route(
            harness.groupchat(alice, add.commit, welcome: add.welcome, groupInfo: add.groupInfo)
        )
        #expect(sent.contains { $0.attribute("to") == alice && $0.attribute("type") == "groupchat" })
        // The Welcome stays in the process.
        #expect(sent.allSatisfy { $0.child(named: "welcome", namespace: MLSNamespace.mls) == nil })
        _ = try group.mergePendingCommit()
        await runner.processPending()
        return group
    }

    /// Alice sends `text` in an envelope; returns what the bot answered, decrypted by alice.
    func say(_ text: String, _ group: inout Group, _ harness: BotHarness, _ runner: BotRunner) async throws
        -> [String]
    {
        let envelope = SCEEnvelope(body: text, from: try JID("alice@example.org"), date: Date())
        _ = await harness.route(harness.groupchat(alice, try group.encrypt(envelope.serialized())))
        await runner.processPending()
        return try await answers(harness.outbox.drain(), &group)
    }

    /// The bodies of the bot's application messages among `sent`, decrypted by alice's group.
    func answers(_ sent: [XMLElement], _ group: inout Group) async throws -> [String] {
        var bodies: [String] = []
        for message in try BotHarness.reflected(sent, to: alice, from: "echo") {
            switch try await group.process(message) {
            case .application(let application):
                bodies.append(try SCEEnvelope(serialized: application.data).body ?? "")
            case .commit, .proposal:
                continue
            }
        }
        return bodies
    }

    @Test func theBotPublishesItsKeyPackagesOnStart() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner()
        try await runner.start()
        let stock = try harness.directory.count(owner: harness.bot, now: Date())
        #expect(stock.available == 10)
        try await runner.start()
        #expect(try harness.directory.count(owner: harness.bot, now: Date()).available == 10)
    }

    /// RFC 9420 §13.5: the bot's KeyPackages carry GREASE, in the capabilities, the leaf and the package.
    @Test func theBotsKeyPackagesCarryGrease() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner()
        try await runner.start()
        let keyPackage = try await harness.fetchBotKeyPackage(from: alice)
        let capabilities = keyPackage.leafNode.capabilities
        #expect(capabilities.cipherSuites.contains { Grease.isGrease($0.rawValue) })
        #expect(capabilities.extensions.contains { Grease.isGrease($0.rawValue) })
        #expect(capabilities.proposals.contains { Grease.isGrease($0.rawValue) })
        #expect(capabilities.credentials.contains { Grease.isGrease($0.rawValue) })
        #expect(keyPackage.leafNode.extensions.contains { Grease.isGrease($0.type.rawValue) })
        #expect(keyPackage.extensions.contains { Grease.isGrease($0.type.rawValue) })
    }

    @Test func aWelcomeMakesTheBotAMemberAndAnOccupant() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner()
        let group = try await roomWithBot(harness, runner)
        #expect(await runner.roomJIDs() == [harness.room])
        #expect(await harness.host.nicks(in: harness.room) == ["alice", "echo"])
        #expect(group.members.count == 2)
    }

    @Test func theEchoBotAnswersAnEncryptedHello() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner()
        var group = try await roomWithBot(harness, runner)
        #expect(try await say("hello", &group, harness, runner) == ["echo: hello"])
        #expect(try await say("again", &group, harness, runner) == ["echo: again"])
    }

    @Test func theBotIgnoresAnEnvelopeClaimingAnotherSenderOrNone() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner()
        var group = try await roomWithBot(harness, runner)
        for from in [try JID("carol@example.org"), nil] {
            let envelope = SCEEnvelope(body: "forged", from: from, date: Date())
            _ = await harness.route(harness.groupchat(alice, try group.encrypt(envelope.serialized())))
            await runner.processPending()
            #expect(try await answers(harness.outbox.drain(), &group).isEmpty)
        }
        #expect(try await say("genuine", &group, harness, runner) == ["echo: genuine"])
    }

    @Test func theBotAnswersAnEnvelopeOnceWhenItIsReplayedInTheEpoch() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner()
        var group = try await roomWithBot(harness, runner)
        let envelope = SCEEnvelope(body: "once", from: try JID("alice@example.org"), date: Date())
        for _ in 0..<2 {
            _ = await harness.route(harness.groupchat(alice, try group.encrypt(envelope.serialized())))
        }
        await runner.processPending()
        #expect(try await answers(harness.outbox.drain(), &group) == ["echo: once"])
    }

    @Test func aSecondWelcomeToARoomTheBotIsInIsDeclined() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner()
        var group = try await roomWithBot(harness, runner)
        // A member adds the bot to another group and sends that Welcome with a commit of the room's group.
        let otherPackage = try await harness.fetchBotKeyPackage(from: alice)
        var other = try H.client("alice@example.org").createGroup()
        let decoy = try await other.commit(other.commitBuilder().adding(otherPackage))
        let update = try await group.commit(group.commitBuilder().withPath())
        _ = await harness.route(harness.groupchat(alice, update.commit, welcome: decoy.welcome))
        _ = try group.mergePendingCommit()
        await runner.processPending()
        _ = harness.outbox.drain()
        #expect(try await say("still you?", &group, harness, runner) == ["echo: still you?"])
    }

    @Test func aDestroyedRoomIsForgottenAndNotBroughtBackOnRestart() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner()
        _ = try await roomWithBot(harness, runner)
        _ = try await harness.host.destroy(room: harness.room, reason: "closing")
        await runner.processPending()
        #expect(await runner.roomJIDs().isEmpty)
        let restarted = try harness.runner()
        try await restarted.start()
        await restarted.processPending()
        #expect(await restarted.roomJIDs().isEmpty)
        #expect(try !RoomSequencer(store: harness.store).roomExists(harness.room))
    }

    @Test func theBotStillAnswersAfterARestart() async throws {
        let first = try BotHarness()
        let before = try first.runner()
        var group = try await roomWithBot(first, before)
        #expect(try await say("hello", &group, first, before) == ["echo: hello"])
        // A restart: new rooms, new switchboard and a new runner on the same database.
        let second = try BotHarness(store: first.store)
        let runner = try second.runner()
        try await runner.start()
        await runner.processPending()
        #expect(await runner.roomJIDs() == [second.room])
        _ = await second.route(second.join(alice, nick: "alice"))
        #expect(try await say("after restart", &group, second, runner) == ["echo: after restart"])
    }

    @Test func theBotCatchesUpWithMessagesSentWhileItWasDown() async throws {
        let first = try BotHarness()
        let runner = try first.runner()
        var group = try await roomWithBot(first, runner)
        let second = try BotHarness(store: first.store)
        _ = await second.route(second.join(alice, nick: "alice"))
        let envelope = SCEEnvelope(body: "while down", from: try JID("alice@example.org"), date: Date())
        _ = await second.route(second.groupchat(alice, try group.encrypt(envelope.serialized())))
        let restarted = try second.runner()
        try await restarted.start()
        await restarted.processPending()
        #expect(try await answers(second.outbox.drain(), &group) == ["echo: while down"])
        #expect(try await say("now", &group, second, restarted) == ["echo: now"])
    }

    @Test func stateSealedUnderAnotherKeyDoesNotOpen() async throws {
        let harness = try BotHarness()
        try await harness.runner().start()
        let other = try BotStateKey(text: String(repeating: "ab", count: 32))
        await #expect {
            try await harness.runner(stateKey: other).start()
        } throws: { error in
            guard case BotError.sealedRecordRejected(kind: "identity", name: "") = error else { return false }
            return true
        }
    }

    @Test func theBotUpdatesItsLeafOnSchedule() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner(schedule: BotUpdateSchedule(messages: 2, interval: nil))
        var group = try await roomWithBot(harness, runner)
        let epoch = group.epoch
        let envelope = SCEEnvelope(body: "hello", from: try JID("alice@example.org"), date: Date())
        _ = await harness.route(harness.groupchat(alice, try group.encrypt(envelope.serialized())))
        await runner.processPending()
        var commits = 0
        for message in try BotHarness.reflected(harness.outbox.drain(), to: alice, from: "echo") {
            if case .commit(let summary) = try await group.process(message) {
                commits += 1
                #expect(summary.updated.count == 1)
            }
        }
        #expect(commits == 1)
        #expect(group.epoch == epoch + 1)
        #expect(try await say("after update", &group, harness, runner) == ["echo: after update"])
    }

    @Test func aBotRemovedFromTheGroupLeavesTheRoom() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner()
        var group = try await roomWithBot(harness, runner)
        let botLeaf = try #require(group.members.first { $0.index != group.ownLeaf }?.index)
        let remove = try await group.commit(group.commitBuilder().removing(botLeaf))
        _ = await harness.route(harness.groupchat(alice, remove.commit))
        await runner.processPending()
        #expect(await runner.roomJIDs().isEmpty)
        #expect(await harness.host.nicks(in: harness.room) == ["alice"])
    }

    @Test func aBotThatLeavesProposesItsSelfRemoveWhichAMemberCommits() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner()
        var group = try await roomWithBot(harness, runner)
        _ = harness.outbox.drain()
        #expect(await runner.leave(harness.room) == .proposed(selfRemove: true))
        #expect(await runner.roomJIDs().isEmpty)
        #expect(await harness.host.nicks(in: harness.room) == ["alice"])
        let proposals = try BotHarness.reflected(harness.outbox.drain(), to: alice, from: "echo")
        #expect(proposals.count == 1)
        guard case .proposal(let proposal) = try await group.process(try #require(proposals.first)) else {
            Issue.record("the bot's departure is not a proposal")
            return
        }
        #expect(proposal.proposal == .selfRemove)
        // Alice's next commit includes it by reference; the room accepts it, and the bot is gone from the group.
        let commit = try await group.commit()
        let sent = await harness.route(harness.groupchat(alice, commit.commit))
        #expect(sent.allSatisfy { $0.attribute("type") != "error" })
        _ = try group.mergePendingCommit()
        #expect(group.members.count == 1)
        // The bot forgot the room, also after a restart.
        #expect(await runner.leave(harness.room) == .notAMember)
        let restarted = try harness.runner()
        try await restarted.start()
        #expect(await restarted.roomJIDs().isEmpty)
    }

    @Test func nobodyCanOpenARoomAtABotsJID() async throws {
        let harness = try BotHarness()
        let sent = await harness.route(H.stanza("presence", from: alice, to: "echo@mls.example.org/alice"))
        #expect(sent.first?.attribute("type") == "error")
        #expect(sent.first?.errorCondition == "not-allowed")
        #expect(await harness.host.nicks(in: harness.bot).isEmpty)
    }

    @Test func expiredKeyPackagesAreForgottenAndReplaced() async throws {
        let harness = try BotHarness()
        try await harness.runner().start()
        let records = {
            try BotStateStore(store: harness.store).records(bot: harness.bot).filter { $0.kind == "key-package" }
        }
        let first = try records()
        #expect(first.count == 10)
        let later = Date().addingTimeInterval(100 * 86_400)
        try await harness.runner(now: { later }).start()
        let second = try records()
        #expect(second.count == 10)
        #expect(Set(second.map(\.name)).isDisjoint(with: first.map(\.name)))
        #expect(try harness.directory.count(owner: harness.bot, now: later).available == 10)
    }

    @Test func theBotUpdatesItsLeafWhenTheIntervalHasPassed() async throws {
        let harness = try BotHarness()
        let clock = TestClock()
        let runner = try harness.runner(schedule: BotUpdateSchedule(messages: nil, interval: 60), now: clock.now)
        var group = try await roomWithBot(harness, runner)
        let epoch = group.epoch
        clock.advance(59)
        await runner.processPending()
        #expect(try BotHarness.reflected(harness.outbox.drain(), to: alice, from: "echo").isEmpty)
        clock.advance(2)
        await runner.processPending()
        let reflected = try BotHarness.reflected(harness.outbox.drain(), to: alice, from: "echo")
        #expect(reflected.count == 1)
        for message in reflected {
            _ = try await group.process(message)
        }
        #expect(group.epoch == epoch + 1)
    }
    @Test func theBotIsToldOfJoiningAndOfMembersAddedAndRemoved() async throws {
        let harness = try BotHarness()
        let recorder = RecordingBot()
        let runner = try harness.runner(behaviour: recorder)
        var group = try await roomWithBot(harness, runner)
        let carol = try H.client("carol@example.org").makeKeyPackage().keyPackage
        let add = try await group.commit(group.commitBuilder().adding(carol))
        _ = await harness.route(harness.groupchat(alice, add.commit))
        _ = try group.mergePendingCommit()
        await runner.processPending()
        let carolLeaf = try #require(
            group.members.first { BotHarness.identity($0.leaf.credential) == "carol@example.org" }?.index)
        let remove = try await group.commit(group.commitBuilder().removing(carolLeaf))
        _ = await harness.route(harness.groupchat(alice, remove.commit))
        await runner.processPending()
        #expect(
            recorder.events == [
                "joined room@mls.example.org", "added carol@example.org", "removed carol@example.org",
            ])
    }
    @Test func theBotPublishesMoreWhenTheDirectorySaysItsStockIsLow() async throws {
        let harness = try BotHarness()
        let runner = try harness.runner()
        try await runner.start()
        for index in 0..<6 {
            _ = try await harness.fetchBotKeyPackage(from: "fetcher\(index)@example.org/x")
        }
        #expect(try harness.directory.count(owner: harness.bot, now: Date()).available == 4)
        await runner.processPending()
        #expect(try harness.directory.count(owner: harness.bot, now: Date()).available == 10)
    }
}

/// A bot that records what it is told and never answers.
final class RecordingBot: Bot, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []

    var events: [String] { lock.withLock { recorded } }

    private func record(_ event: String) {
        lock.withLock { recorded.append(event) }
    }

    func joined(room: JID) async -> [String] {
        record("joined \(room)")
        return []
    }

    func memberAdded(_ member: JID?, room: JID) async -> [String] {
        record("added \(member?.description ?? "?")")
        return []
    }

    func memberRemoved(_ member: JID?, room: JID) async -> [String] {
        record("removed \(member?.description ?? "?")")
        return []
    }

    func messageReceived(_ envelope: SCEEnvelope, sender: JID?, room: JID) async -> [String] {
        record("message")
        return []
    }
}

/// A clock that moves only when told.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()

    var now: @Sendable () -> Date {
        { [self] in lock.withLock { current } }
    }

    func advance(_ seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}
