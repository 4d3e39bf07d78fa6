import DeliveryService
import Foundation
import Gateway
import MLS
import Testing
import XMPP

@Suite struct BridgeRunnerTests {
    typealias H = GatewayHarness
    let alice = "alice@example.org/phone"

    func harness() throws -> BotHarness {
        try BotHarness(bot: "bridge@mls.example.org")
    }

    @Test func aBridgeDeclinesAWelcomeToARoomItDoesNotServe() async throws {
        let harness = try harness()
        let bridge = RecordingBridge(serving: try JID("elsewhere@mls.example.org"))
        let runner = try harness.runner(behaviour: bridge)
        _ = try await harness.groupWithBot(runner, member: alice)
        #expect(await runner.roomJIDs().isEmpty)
        #expect(await harness.host.nicks(in: harness.room) == ["alice"])
        #expect(!bridge.events.contains { $0.hasPrefix("joined") })
        // The private key of the KeyPackage the Welcome named is gone with it.
        let kept = try BotStateStore(store: harness.store).records(bot: harness.bot).filter { $0.kind == "key-package" }
        #expect(kept.count == 9)
    }

    @Test func aBridgeIsStartedWithAContextThatPostsIntoItsRoomsAtAnyTime() async throws {
        let harness = try harness()
        let bridge = RecordingBridge(serving: harness.room)
        let runner = try harness.runner(behaviour: bridge)
        var group = try await harness.groupWithBot(runner, member: alice)
        #expect(bridge.events.first == "started")
        #expect(bridge.events.contains("joined room@mls.example.org"))
        let context = try #require(bridge.context)
        #expect(context.jid == harness.bot)
        #expect(await context.rooms() == [harness.room])
        _ = harness.outbox.drain()
        #expect(await context.post("unprompted", to: harness.room))
        #expect(!(await context.post("nowhere", to: try JID("other@mls.example.org"))))
        await runner.processPending()
        #expect(
            try await BotHarness.decrypted(harness.outbox.drain(), to: alice, from: "bridge", &group) == ["unprompted"]
        )
    }

    @Test func postingTheSameTextTwiceGivesTwoDistinctEnvelopes() async throws {
        let harness = try harness()
        let bridge = RecordingBridge(serving: harness.room)
        let runner = try harness.runner(behaviour: bridge)
        var group = try await harness.groupWithBot(runner, member: alice)
        _ = harness.outbox.drain()
        let context = try #require(bridge.context)
        #expect(await context.post("ok", to: harness.room))
        #expect(await context.post("ok", to: harness.room))
        await runner.processPending()
        var paddings: [String] = []
        for message in try BotHarness.reflected(harness.outbox.drain(), to: alice, from: "bridge") {
            guard case .application(let application) = try await group.process(message) else { continue }
            let envelope = try SCEEnvelope(serialized: application.data)
            #expect(envelope.body == "ok" && envelope.from == harness.bot && envelope.time != nil)
            paddings.append(envelope.rpad ?? "")
        }
        #expect(paddings.count == 2)
        #expect(paddings.allSatisfy { $0.count >= 16 } && Set(paddings).count == 2)
    }

    @Test func aBridgeHearsCheckedMessagesWithTheirSender() async throws {
        let harness = try harness()
        let bridge = RecordingBridge(serving: harness.room)
        let runner = try harness.runner(behaviour: bridge)
        var group = try await harness.groupWithBot(runner, member: alice)
        for from in ["alice@example.org", "mallory@example.org"] {
            let envelope = SCEEnvelope(body: "hi", from: try JID(from), date: Date())
            _ = await harness.route(harness.groupchat(alice, try group.encrypt(envelope.serialized())))
        }
        await runner.processPending()
        #expect(bridge.events.filter { $0.hasPrefix("message") } == ["message alice@example.org hi"])
    }

    @Test func stanzasTheServerSendsToTheBridgeReachItAsNetworkTrafficOnly() async throws {
        let harness = try harness()
        let bridge = RecordingBridge(serving: harness.room)
        let runner = try harness.runner(behaviour: bridge)
        try await runner.start()
        _ = harness.outbox.drain()
        // Sent from outside, even a Welcome is not room traffic: the bridge sees a stanza and nothing joins.
        var message = H.stanza(
            "message",
            from: "plain@conference.example.org/bob",
            to: "bridge@mls.example.org/bridge",
            type: "chat",
            id: "m1"
        )
        message.append(XMLElement(name: "welcome", namespace: MLSNamespace.mls, text: "AAAA"))
        #expect(await harness.route(message).isEmpty)
        await runner.processPending()
        #expect(bridge.events.last == "received message m1")
        #expect(await runner.roomJIDs().isEmpty)
        // An IQ the bridge does not handle is refused; one it handles is left to it.
        let unknown = H.iq(
            "get",
            from: "plain@conference.example.org/bob",
            to: "bridge@mls.example.org/bridge",
            XMLElement(name: "query", namespace: "urn:example:unknown")
        )
        var handled = unknown
        handled.setAttribute("id", to: "handled")
        _ = await harness.route(unknown)
        _ = await harness.route(handled)
        await runner.processPending()
        let replies = harness.outbox.drain()
        #expect(replies.count == 1)
        #expect(replies.first?.attribute("id") == unknown.attribute("id"))
        #expect(replies.first?.errorCondition == "service-unavailable")
        #expect(replies.first?.attribute("from") == "bridge@mls.example.org/bridge")
        #expect(bridge.events.suffix(2) == ["received iq \(unknown.attribute("id") ?? "")", "received iq handled"])
    }

    @Test func anEchoBotTakesNoNetworkTraffic() async throws {
        let harness = try BotHarness()
        _ = try harness.runner()
        let presence = H.stanza("presence", from: alice, to: "echo@mls.example.org/alice")
        #expect(!harness.switchboard.divert(presence))
        #expect(await harness.route(presence).first?.errorCondition == "not-allowed")
    }

    @Test func theContextSendsOnlyFromTheBridgesJID() async throws {
        let harness = try harness()
        let bridge = RecordingBridge(serving: harness.room)
        let runner = try harness.runner(behaviour: bridge)
        try await runner.start()
        let context = try #require(bridge.context)
        _ = harness.outbox.drain()
        let forged = H.stanza("message", from: "room@mls.example.org/alice", to: "bob@example.org")
        #expect(!context.send(forged))
        let unsigned = H.stanza("message", from: "bridge@mls.example.org/x", to: "bob@example.org")
        #expect(context.send(unsigned))
        var bare = unsigned
        bare.setAttribute("from", to: nil)
        #expect(context.send(bare))
        let sent = harness.outbox.drain()
        #expect(sent.map { $0.attribute("from") } == ["bridge@mls.example.org/x", "bridge@mls.example.org"])
    }

    @Test func aBridgeHearsOfAReconnect() async throws {
        let harness = try harness()
        let bridge = RecordingBridge(serving: harness.room)
        let runner = try harness.runner(behaviour: bridge)
        try await runner.start()
        runner.connectionRestored()
        await runner.processPending()
        #expect(bridge.events == ["started", "reconnected"])
    }
}

/// A bridge that serves one room, records what it is told, and handles the stanzas whose id is `handled`.
final class RecordingBridge: Bridge, @unchecked Sendable {
    let served: JID
    private let lock = NSLock()
    private var recorded: [String] = []
    private var saved: BridgeContext?

    init(serving room: JID) {
        served = room
    }

    var events: [String] { lock.withLock { recorded } }
    var context: BridgeContext? { lock.withLock { saved } }

    private func record(_ event: String) {
        lock.withLock { recorded.append(event) }
    }

    func serves(_ room: JID) -> Bool { room == served }

    func started(_ context: BridgeContext) async {
        lock.withLock { saved = context }
        record("started")
    }

    func received(_ stanza: XMLElement) async -> Bool {
        record("received \(stanza.name) \(stanza.attribute("id") ?? "")")
        return stanza.attribute("id") == "handled"
    }

    func reconnected() async { record("reconnected") }

    func joined(room: JID) async -> [String] {
        record("joined \(room)")
        return []
    }

    func messageReceived(_ envelope: SCEEnvelope, sender: JID?, room: JID) async -> [String] {
        record("message \(sender?.description ?? "?") \(envelope.body ?? "")")
        return []
    }
}
