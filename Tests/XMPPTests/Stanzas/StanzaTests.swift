import Testing

@testable import XMPP

struct StanzaTests {
    private func element(_ xml: String) throws -> XMLElement {
        let outcome = StreamFixtures.parse(StreamFixtures.header + xml)
        #expect(outcome.error == nil)
        return try #require(StreamFixtures.elements(outcome.events).first)
    }

    @Test func messageIsReadAndWrittenBack() throws {
        let xml = "<message from='a@b/c' to='room@gw.example' id='m1' type='groupchat' xml:lang='en'>"
            + "<body>hi</body><x xmlns='urn:x'/></message>"
        let original = try element(xml)
        let message = try Message(element: original)
        #expect(message.type == .groupchat)
        #expect(message.id == "m1")
        #expect(message.from == (try JID("a@b/c")))
        #expect(message.to == (try JID("room@gw.example")))
        #expect(message.language == "en")
        #expect(message.body == "hi")
        #expect(message.payload.count == 2)
        #expect(message.namespace == XMPPNamespace.component)
        #expect(message.element == original)
    }

    @Test(arguments: ["", " type='bogus'", " type='normal'"])
    func messageWithMissingOrUnknownTypeIsNormal(typeAttribute: String) throws {
        #expect(try Message(element: element("<message\(typeAttribute)/>")).type == .normal)
    }

    @Test func messageInOtherContentNamespaceKeepsIt() throws {
        var stanza = XMLElement(name: "message", namespace: XMPPNamespace.client)
        stanza.append(XMLElement(name: "body", namespace: XMPPNamespace.client, text: "x"))
        let message = try Message(element: stanza)
        #expect(message.namespace == XMPPNamespace.client)
        #expect(message.body == "x")
        #expect(message.element == stanza)
    }

    @Test func wrongElementOrNamespaceIsRejected() {
        #expect(throws: StanzaParseError.unexpectedElement(name: "presence", namespace: XMPPNamespace.component)) {
            try Message(element: XMLElement(name: "presence", namespace: XMPPNamespace.component))
        }
        #expect(throws: StanzaParseError.unexpectedElement(name: "message", namespace: "urn:other")) {
            try Message(element: XMLElement(name: "message", namespace: "urn:other"))
        }
    }

    @Test func invalidAddressIsJIDMalformed() throws {
        let stanza = try element("<message to='a@b@c'/>")
        #expect(throws: StanzaParseError.invalidAddress(attribute: "to", .invalidDomainpart("b@c"))) {
            try Message(element: stanza)
        }
        #expect(StanzaParseError.invalidAddress(attribute: "to", .emptyDomainpart).stanzaErrorCondition == .jidMalformed)
        #expect(StanzaParseError.missingID.stanzaErrorCondition == .badRequest)
    }

    @Test(arguments: Presence.Kind.allCases)
    func presenceTypesRoundTrip(type: Presence.Kind) throws {
        let presence = Presence(
            type: type,
            id: "p",
            error: type == .error ? StanzaError(.notAllowed) : nil
        )
        let parsed = try Presence(element: presence.element)
        #expect(parsed == presence)
        #expect((presence.element.attribute("type") == nil) == (type == .available))
    }

    @Test func presenceWithUnknownTypeIsRejected() throws {
        #expect(throws: StanzaParseError.invalidType("away")) { try Presence(element: element("<presence type='away'/>")) }
        #expect(throws: StanzaParseError.invalidType("")) { try Presence(element: element("<presence type=''/>")) }
    }

    @Test func iqGetWithOnePayloadIsRead() throws {
        let iq = try IQ(element: element("<iq type='get' id='q' to='gw.example'><query xmlns='urn:q'/></iq>"))
        #expect(iq.type == .get)
        #expect(iq.payload?.namespace == "urn:q")
        let result = iq.result()
        #expect(result.type == .result)
        #expect(result.id == "q")
        #expect(result.from == (try JID("gw.example")))
        #expect(result.to == nil)
        #expect(try IQ(element: result.element) == result)
    }

    @Test(arguments: [
        ("<iq type='get'><q xmlns='urn:q'/></iq>", StanzaParseError.missingID),
        ("<iq type='get' id=''><q xmlns='urn:q'/></iq>", .missingID),
        ("<iq id='1'><q xmlns='urn:q'/></iq>", .invalidType("")),
        ("<iq id='1' type='fetch'><q xmlns='urn:q'/></iq>", .invalidType("fetch")),
        ("<iq id='1' type='get'/>", .invalidIQPayload(childCount: 0)),
        ("<iq id='1' type='set'><a xmlns='urn:q'/><b xmlns='urn:q'/></iq>", .invalidIQPayload(childCount: 2)),
        ("<iq id='1' type='result'><a xmlns='urn:q'/><b xmlns='urn:q'/></iq>", .invalidIQPayload(childCount: 2)),
        ("<iq id='1' type='error'/>", .invalidErrorElement),
        ("<iq id='1' type='error'><error type='cancel'/></iq>", .invalidErrorElement),
        (
            "<iq id='1' type='error'><error type='maybe'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "</error></iq>", .invalidErrorElement
        ),
    ] as [(String, StanzaParseError)])
    func invalidIQIsRejected(xml: String, expected: StanzaParseError) throws {
        let stanza = try element(xml)
        #expect(throws: expected) { try IQ(element: stanza) }
    }

    @Test func iqErrorKeepsPayloadAndError() throws {
        let iq = try IQ(element: element(
            "<iq type='error' id='e' from='gw.example'><query xmlns='urn:q'/><error type='cancel' by='gw.example'>"
                + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>no such room</text>"
                + "<room-gone xmlns='urn:app'/></error></iq>"
        ))
        #expect(iq.payload?.name == "query")
        let error = try #require(iq.error)
        #expect(error.type == .cancel)
        #expect(error.condition == .itemNotFound)
        #expect(error.text == "no such room")
        #expect(error.by == (try JID("gw.example")))
        #expect(error.applicationCondition?.name == "room-gone")
        #expect(try IQ(element: iq.element) == iq)
    }
}
