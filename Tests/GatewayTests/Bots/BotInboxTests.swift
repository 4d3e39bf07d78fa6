import Testing
import XMPP

@testable import Gateway

@Suite struct BotInboxTests {
    private func stanza(_ id: Int) -> XMLElement {
        XMLElement(name: "message", namespace: XMPPNamespace.component, attributes: [XMLAttribute(name: "id", value: String(id))])
    }

    private func id(_ item: BotInbox.Item?) -> String? {
        switch item {
        case .local(let element)?, .network(let element)?: element.attribute("id")
        default: nil
        }
    }

    @Test func itemsComeOutInOrderAcrossManyAppends() {
        let inbox = BotInbox()
        var taken: [String] = []
        for round in 0..<3 {
            for index in 0..<2_000 { inbox.append(stanza(round * 2_000 + index)) }
            for _ in 0..<1_500 { taken.append(id(inbox.next()) ?? "") }
        }
        while let item = inbox.next() { taken.append(id(item) ?? "") }
        #expect(taken == (0..<6_000).map(String.init))
    }

    @Test func networkStanzasBeyondTheLimitAreDroppedButRoomTrafficIsNot() {
        let inbox = BotInbox(networkLimit: 3)
        for index in 0..<5 { inbox.append(.network(stanza(index))) }
        for index in 5..<10 { inbox.append(.local(stanza(index))) }
        var taken: [String] = []
        while let item = inbox.next() { taken.append(id(item) ?? "") }
        #expect(taken == ["0", "1", "2", "5", "6", "7", "8", "9"])
        // Taking frees room for more.
        inbox.append(.network(stanza(10)))
        #expect(id(inbox.next()) == "10")
    }
}

@Suite struct BotSwitchboardInboxLimitTests {
    @Test func aStanzaToAFullBridgeInboxIsAnsweredWithResourceConstraint() throws {
        let outbox = Outbox()
        let switchboard = BotSwitchboard { outbox.append($0) }
        let inbox = BotInbox(networkLimit: 2)
        switchboard.attach(inbox, for: try JID("bridge@mls.example.org"), takesNetwork: true)
        for id in ["1", "2", "3"] {
            let message = GatewayHarness.stanza(
                "message", from: "alice@example.org/a", to: "bridge@mls.example.org", type: "chat", id: id)
            #expect(switchboard.divert(message))
        }
        // An error stanza is never answered, even when dropped.
        #expect(switchboard.divert(GatewayHarness.stanza(
            "message", from: "alice@example.org/a", to: "bridge@mls.example.org", type: "error", id: "4")))
        let replies = outbox.drain()
        #expect(replies.count == 1)
        #expect(replies.first?.attribute("id") == "3")
        #expect(replies.first?.attribute("to") == "alice@example.org/a")
        #expect(replies.first?.errorCondition == "resource-constraint")
        var queued = 0
        while inbox.next() != nil { queued += 1 }
        #expect(queued == 2)
    }
}
