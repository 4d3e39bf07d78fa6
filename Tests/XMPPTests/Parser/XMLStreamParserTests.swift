import Testing

@testable import XMPP

struct XMLStreamParserTests {
    private let component = "jabber:component:accept"

    @Test func sampleStreamGivesHeaderStanzasAndClose() throws {
        let outcome = StreamFixtures.parse(StreamFixtures.sample)
        #expect(outcome.error == nil)
        guard case .streamOpened(let header) = outcome.events.first else {
            Issue.record("first event is not streamOpened")
            return
        }
        #expect(header.contentNamespace == component)
        #expect(header.attribute("to") == "gw.example")
        #expect(header.attribute("id") == "abc")
        #expect(header.attributes.contains(XMLAttribute(name: "lang", namespace: XMLSerializer.xmlNamespace, value: "en")))
        #expect(!header.attributes.contains { $0.name == "stream" || $0.name == "xmlns" })
        #expect(outcome.events.last == .streamClosed)

        let stanzas = StreamFixtures.elements(outcome.events)
        #expect(stanzas.map(\.name) == ["handshake", "message", "iq", "presence"])
        #expect(stanzas.allSatisfy { $0.namespace == component })
        #expect(stanzas[0].text == "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")
    }

    @Test func entitiesCharacterReferencesAndCDATAAreReplaced() throws {
        let message = StreamFixtures.elements(StreamFixtures.parse(StreamFixtures.sample).events)[1]
        #expect(
            message.child(named: "body", namespace: component)?.text
                == "Hi & <bye> \u{263A} \u{263A} caf\u{E9} \u{1F600}"
        )
        let payload = try #require(message.child(named: "payload", namespace: "urn:example:x"))
        #expect(payload.attribute("plain") == "\"2'")
        #expect(payload.child(named: "other", namespace: "urn:other")?.text == "t<raw> & u")
    }

    @Test func prefixesResolveToNamespaces() throws {
        let message = StreamFixtures.elements(StreamFixtures.parse(StreamFixtures.sample).events)[1]
        let payload = try #require(message.child(named: "payload", namespace: "urn:example:x"))
        #expect(payload.attribute("attr", namespace: "urn:example:x") == "1")
        #expect(payload.attribute("attr") == nil)
        #expect(payload.attribute("plain") == "\"2'")
        #expect(payload.child(named: "inner", namespace: "urn:example:x") != nil)
        let presence = StreamFixtures.elements(StreamFixtures.parse(StreamFixtures.sample).events)[3]
        #expect(presence.attribute("lang", namespace: XMLSerializer.xmlNamespace) == "de")
    }

    @Test func prefixedStanzaEqualsUnprefixedStanza() {
        let prefixed = StreamFixtures.parse(
            StreamFixtures.header + "<c:message xmlns:c='jabber:component:accept' id='1'><c:body>x</c:body></c:message>"
        )
        let plain = StreamFixtures.parse(StreamFixtures.header + "<message id='1'><body>x</body></message>")
        #expect(prefixed.error == nil)
        #expect(StreamFixtures.elements(prefixed.events) == StreamFixtures.elements(plain.events))
        #expect(StreamFixtures.elements(plain.events).count == 1)
    }

    @Test func streamPrefixedChildKeepsStreamNamespace() {
        let outcome = StreamFixtures.parse(
            StreamFixtures.header
                + "<stream:error><not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
        )
        let error = StreamFixtures.elements(outcome.events).first
        #expect(error?.name == "error")
        #expect(error?.namespace == XMLStreamParser.streamNamespace)
        #expect(error?.child(named: "not-well-formed", namespace: "urn:ietf:params:xml:ns:xmpp-streams") != nil)
    }

    @Test func unboundPrefixIsBadNamespacePrefix() {
        let outcome = StreamFixtures.parse(StreamFixtures.header + "<message><x:body/></message>")
        guard case .badNamespacePrefix = outcome.error else {
            Issue.record("expected badNamespacePrefix, got \(String(describing: outcome.error))")
            return
        }
        #expect(outcome.error?.condition == .badNamespacePrefix)
    }

    @Test func rootInWrongNamespaceIsInvalidNamespace() {
        let outcome = StreamFixtures.parse("<stream:stream xmlns:stream='urn:wrong' xmlns='jabber:component:accept'>")
        guard case .invalidNamespace = outcome.error else {
            Issue.record("expected invalidNamespace, got \(String(describing: outcome.error))")
            return
        }
        #expect(outcome.error?.condition == .invalidNamespace)
        #expect(outcome.events.isEmpty)
    }

    @Test func rootWithWrongNameIsBadFormat() {
        let outcome = StreamFixtures.parse("<stream:feed xmlns:stream='http://etherx.jabber.org/streams'>")
        guard case .badFormat = outcome.error else {
            Issue.record("expected badFormat, got \(String(describing: outcome.error))")
            return
        }
        #expect(outcome.error?.condition == .badFormat)
    }

    @Test func textBetweenStanzasIsBadFormat() {
        let outcome = StreamFixtures.parse(StreamFixtures.header + "<presence/> stray <presence/>")
        #expect(outcome.error == .badFormat("text between stanzas"))
        #expect(StreamFixtures.elements(outcome.events).count == 1)
    }

    @Test func mismatchedTagIsNotWellFormed() {
        let outcome = StreamFixtures.parse(StreamFixtures.header + "<message><body></message>")
        guard case .notWellFormed(let reason) = outcome.error else {
            Issue.record("expected notWellFormed, got \(String(describing: outcome.error))")
            return
        }
        #expect(reason.contains("mismatched tag"))
        #expect(outcome.error?.condition == .notWellFormed)
    }

    @Test(arguments: [
        "<message id='1' id='2'/>",
        "<message id=1/>",
        "<message <body/>",
        "<message>&unknown;</message>",
        "<message>&#0;</message>",
        "<message>\u{1}</message>",
        "<1message/>",
    ])
    func malformedStanzaIsNotWellFormed(stanza: String) {
        let outcome = StreamFixtures.parse(StreamFixtures.header + stanza)
        guard case .notWellFormed = outcome.error else {
            Issue.record("expected notWellFormed, got \(String(describing: outcome.error))")
            return
        }
        #expect(StreamFixtures.elements(outcome.events).isEmpty)
    }

    @Test func contentAfterStreamCloseIsNotWellFormed() {
        let outcome = StreamFixtures.parse(StreamFixtures.header + "</stream:stream><presence/>")
        #expect(outcome.events.last == .streamClosed)
        guard case .notWellFormed = outcome.error else {
            Issue.record("expected notWellFormed, got \(String(describing: outcome.error))")
            return
        }
    }

    @Test(arguments: [
        "",
        "<?xml version='1.0'?>",
        "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'",
        StreamFixtures.header,
        StreamFixtures.header + "<message><body>half",
    ])
    func truncatedInputFailsAtFinish(input: String) {
        let outcome = StreamFixtures.parse([Array(input.utf8)], finish: true)
        #expect(outcome.error == .truncated)
        #expect(XMLStreamError.truncated.condition == .notWellFormed)
    }

    @Test func closedStreamFinishesCleanly() {
        let outcome = StreamFixtures.parse([Array(StreamFixtures.sample.utf8)], finish: true)
        #expect(outcome.error == nil)
    }

    @Test func errorIsStickyAcrossCalls() throws {
        let parser = XMLStreamParser()
        var events: [XMLStreamEvent] = []
        #expect(throws: XMLStreamError.restrictedXML(.comment)) {
            try parser.parse(Array((StreamFixtures.header + "<!-- x -->").utf8), into: &events)
        }
        #expect(throws: XMLStreamError.restrictedXML(.comment)) {
            try parser.parse(Array("<presence/>".utf8), into: &events)
        }
        #expect(throws: XMLStreamError.restrictedXML(.comment)) { try parser.finish() }
        #expect(events.count == 1)
    }

    @Test func eventsBeforeErrorInSameChunkAreDelivered() {
        let outcome = StreamFixtures.parse(StreamFixtures.header + "<presence/><presence/><bad></worse>")
        #expect(StreamFixtures.elements(outcome.events).count == 2)
        #expect(outcome.error != nil)
    }

    @Test func nonContiguousCollectionIsParsed() throws {
        let parser = XMLStreamParser()
        let events = try parser.parse(StreamFixtures.sample.utf8)
        #expect(events == StreamFixtures.parse(StreamFixtures.sample).events)
    }
}
