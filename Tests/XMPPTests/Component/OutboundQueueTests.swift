import Testing

@testable import XMPP

struct OutboundQueueTests {
    @Test func fullQueueRefusesNewStanzasAndKeepsOldOnes() {
        var queue = OutboundQueue(capacity: 2)
        let stanzas = (1...3).map {
            XMLElement(
                name: "message",
                namespace: XMPPNamespace.component,
                attributes: [XMLAttribute(name: "id", value: "\($0)")]
            )
        }
        let result1 = queue.enqueue(stanzas[0])
        #expect(result1)
        let result2 = queue.enqueue(stanzas[1])
        #expect(result2)
        let result3 = queue.enqueue(stanzas[2])
        #expect(!result3)
        let result4 = queue.drain()
        #expect(result4 == Array(stanzas[0..<2]))
        #expect(queue.isEmpty)
    }

    @Test func undeliverableStanzaCarriesAnErrorReplyToTheSender() throws {
        let message = Message(type: .chat, id: "m1", from: try JID("mls.localhost"), to: try JID("alice@localhost"))
        let record = UndeliverableStanza(original: message.element, error: StanzaError(.resourceConstraint))
        let reply = try Message(element: try #require(record.reply))
        #expect(reply.type == .error)
        #expect(reply.to == message.from)
        #expect(reply.from == message.to)
        #expect(reply.error?.condition == .resourceConstraint)
        let errorMessage = Message(type: .error, id: "e", from: message.from, to: message.to, error: StanzaError(.gone))
        #expect(
            UndeliverableStanza(original: errorMessage.element, error: StanzaError(.resourceConstraint)).reply == nil
        )
    }
}
