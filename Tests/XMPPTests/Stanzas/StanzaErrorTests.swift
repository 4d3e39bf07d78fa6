import Testing

@testable import XMPP

struct StanzaErrorTests {
    private let request: XMLElement = {
        var iq = XMLElement(
            name: "iq",
            namespace: XMPPNamespace.component,
            attributes: [
                XMLAttribute(name: "type", value: "get"),
                XMLAttribute(name: "id", value: "q1"),
                XMLAttribute(name: "from", value: "user@example/r"),
                XMLAttribute(name: "to", value: "room@gw.example"),
                XMLAttribute(name: "lang", namespace: XMLSerializer.xmlNamespace, value: "en"),
            ]
        )
        iq.append(XMLElement(name: "query", namespace: "http://jabber.org/protocol/disco#info"))
        return iq
    }()

    @Test func replySwapsAddressesKeepsIDAndSetsTypeError() throws {
        let reply = try #require(StanzaError(.itemNotFound, text: "gone").reply(to: request))
        #expect(reply.name == "iq")
        #expect(reply.namespace == XMPPNamespace.component)
        #expect(reply.attribute("from") == "room@gw.example")
        #expect(reply.attribute("to") == "user@example/r")
        #expect(reply.attribute("id") == "q1")
        #expect(reply.attribute("type") == "error")
        #expect(reply.attribute("lang", namespace: XMLSerializer.xmlNamespace) == "en")
        #expect(reply.elements.count == 1)
        let error = try #require(reply.child(named: "error", namespace: XMPPNamespace.component))
        #expect(error.attribute("type") == "cancel")
        #expect(error.child(named: "item-not-found", namespace: XMPPNamespace.stanzaErrors) != nil)
        #expect(error.child(named: "text", namespace: XMPPNamespace.stanzaErrors)?.text == "gone")

        let parsed = try IQ(element: reply)
        #expect(parsed.error == StanzaError(.itemNotFound, text: "gone"))
    }

    @Test func replyCanIncludeOriginalPayload() throws {
        let reply = try #require(StanzaError(.serviceUnavailable).reply(to: request, includingOriginal: true))
        #expect(reply.elements.map(\.name) == ["query", "error"])
    }

    @Test func errorStanzaGetsNoReply() throws {
        let iqError = try #require(StanzaError(.badRequest).reply(to: request))
        #expect(StanzaError(.badRequest).reply(to: iqError) == nil)
        let message = Message(type: .error, error: StanzaError(.forbidden))
        #expect(message.errorReply(StanzaError(.badRequest)) == nil)
    }

    @Test func typedStanzaReplyUsesSameHelper() throws {
        let message = Message(type: .groupchat, id: "m", from: try JID("a@b/c"), to: try JID("room@gw.example"))
        let reply = try #require(message.errorReply(StanzaError(.notAcceptable)))
        let parsed = try Message(element: reply)
        #expect(parsed.type == .error)
        #expect(parsed.id == "m")
        #expect(parsed.from == (try JID("room@gw.example")))
        #expect(parsed.to == (try JID("a@b/c")))
        #expect(parsed.error?.condition == .notAcceptable)
        #expect(parsed.error?.type == .modify)
    }

    @Test(arguments: StanzaErrorCondition.allCases)
    func everyConditionRoundTripsThroughXML(condition: StanzaErrorCondition) throws {
        let error = StanzaError(condition)
        #expect(try StanzaError(element: error.element(namespace: XMPPNamespace.component)) == error)
    }

    @Test func defaultTypesFollowRFC6120() {
        #expect(StanzaErrorCondition.badRequest.defaultType == .modify)
        #expect(StanzaErrorCondition.forbidden.defaultType == .auth)
        #expect(StanzaErrorCondition.serviceUnavailable.defaultType == .cancel)
        #expect(StanzaErrorCondition.resourceConstraint.defaultType == .wait)
        #expect(StanzaError(.conflict, type: .wait).type == .wait)
    }
}
