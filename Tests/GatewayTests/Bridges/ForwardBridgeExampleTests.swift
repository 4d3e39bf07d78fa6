import Foundation
import Gateway
import Testing
import XMPP

actor ForwardBridge: Bridge {
    nonisolated let room: JID
    let operatorJID: JID
    var context: BridgeContext?

    init(room: JID, operatorJID: JID) {
        self.room = room
        self.operatorJID = operatorJID
    }

    nonisolated func serves(_ candidate: JID) -> Bool { candidate == room }

    func started(_ context: BridgeContext) async { self.context = context }

    func joined(room: JID) async -> [String] {
        ["A bridge is present: this room's messages are forwarded in plaintext to \(operatorJID)."]
    }

    func messageReceived(_ envelope: SCEEnvelope, sender: JID?, room: JID) async -> [String] {
        guard let body = envelope.body, let context else { return [] }
        var message = XMLElement(name: "message", namespace: XMPPNamespace.component)
        message.setAttribute("to", to: operatorJID.description)
        message.setAttribute("type", to: "chat")
        let line = "[\(sender?.description ?? "?")] \(body)"
        message.append(XMLElement(name: "body", namespace: XMPPNamespace.component, text: line))
        context.send(message)
        return []
    }
}

/// Keeps the example of docs/bridges.md honest: the same code, compiled and run.
@Suite struct ForwardBridgeExampleTests {
    @Test func theGuidesExampleForwardsWhatIsSaidAndAnnouncesItself() async throws {
        let alice = "alice@example.org/phone"
        let harness = try BotHarness(bot: "bridge@mls.example.org")
        let bridge = ForwardBridge(room: harness.room, operatorJID: try JID("ops@example.org"))
        let runner = try harness.runner(behaviour: bridge)
        var group = try await harness.groupWithBot(runner, member: alice)
        let notice = try await BotHarness.decrypted(harness.outbox.drain(), to: alice, from: "bridge", &group)
        #expect(notice == ["A bridge is present: this room's messages are forwarded in plaintext to ops@example.org."])
        let envelope = SCEEnvelope(body: "hi", from: try JID("alice@example.org"), date: Date())
        _ = await harness.route(harness.groupchat(alice, try group.encrypt(envelope.serialized())))
        await runner.processPending()
        let forwarded = harness.outbox.drain().filter { $0.attribute("to") == "ops@example.org" }
        #expect(forwarded.count == 1)
        #expect(forwarded.first?.attribute("from") == "bridge@mls.example.org")
        #expect(
            forwarded.first?.child(named: "body", namespace: XMPPNamespace.component)?.text == "[alice@example.org] hi"
        )
    }

    @Test func theGuideShowsThisCode() throws {
        let root = "/" + #filePath.split(separator: "/").dropLast(4).joined(separator: "/")
        let guide = try String(contentsOfFile: root + "/docs/bridges.md", encoding: .utf8)
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let start = try #require(guide.range(of: "```swift\n"))
        let end = try #require(guide.range(of: "```\n", range: start.upperBound..<guide.endIndex))
        let example = guide[start.upperBound..<end.lowerBound]
            .replacingOccurrences(of: "import Gateway\nimport XMPP\n\n", with: "")
        #expect(source.contains(example))
    }
}
