import Testing

@testable import XMPP

struct XMLStreamParserLimitTests {
    @Test func defaultsAreDocumentedValues() {
        let limits = XMLStreamLimits()
        #expect(limits.maxStanzaBytes == 524_288)
        #expect(limits.maxDepth == 64)
        #expect(limits.maxAttributes == 64)
        #expect(limits.maxRefusedStanzaBytes == 1_048_576)
    }

    @Test func refusedStanzaLimitIsNeverBelowTheStanzaLimit() {
        #expect(XMLStreamLimits(maxStanzaBytes: 4096, maxRefusedStanzaBytes: 100).maxRefusedStanzaBytes == 4096)
    }

    @Test func stanzaAtSizeLimitIsAcceptedAndOneByteMoreIsRefusedAlone() {
        let stanza = "<message><body>" + String(repeating: "a", count: 100) + "</body></message>"
        let size = stanza.utf8.count
        let accepted = StreamFixtures.parse(
            StreamFixtures.header + stanza + stanza,
            limits: XMLStreamLimits(maxStanzaBytes: size)
        )
        #expect(accepted.error == nil)
        #expect(StreamFixtures.elements(accepted.events).count == 2)

        let refused = StreamFixtures.parse(
            StreamFixtures.header + stanza + "<presence/>",
            limits: XMLStreamLimits(maxStanzaBytes: size - 1)
        )
        #expect(refused.error == nil)
        #expect(StreamFixtures.refusals(refused.events).map(\.violation) == [.tooLarge(limit: size - 1)])
        #expect(StreamFixtures.elements(refused.events).map(\.name) == ["presence"])
    }

    @Test func oversizedStanzaIsRefusedAloneAtEverySplit() {
        let stanza = "<message from='u@example/r' to='room@gw.example' id='m1' type='groupchat' foo='bar'><body>"
            + String(repeating: "b", count: 300) + "</body></message>"
        let bytes = Array((StreamFixtures.header + stanza + "<iq type='get' id='after'/>").utf8)
        let limits = XMLStreamLimits(maxStanzaBytes: 200)
        for offset in 0...bytes.count {
            let outcome = StreamFixtures.parse([Array(bytes[..<offset]), Array(bytes[offset...])], limits: limits)
            #expect(outcome.error == nil, "split at \(offset)")
            let refusals = StreamFixtures.refusals(outcome.events)
            #expect(refusals.map(\.violation) == [.tooLarge(limit: 200)], "split at \(offset)")
            #expect(StreamFixtures.elements(outcome.events).map { $0.attribute("id") } == ["after"])
        }
    }

    @Test func refusedStanzaKeepsOnlyWhatAnErrorReplyNeeds() throws {
        let outcome = StreamFixtures.parse(
            StreamFixtures.header
                + "<message from='u@example/r' to='room@gw.example' id='m1' type='chat' xml:lang='fr' extra='x'>"
                + "<body>" + String(repeating: "c", count: 500) + "</body></message>",
            limits: XMLStreamLimits(maxStanzaBytes: 200)
        )
        let refused = try #require(StreamFixtures.refusals(outcome.events).first)
        #expect(refused.head.name == "message")
        #expect(refused.head.namespace == "jabber:component:accept")
        #expect(refused.head.children.isEmpty)
        #expect(refused.head.attribute("from") == "u@example/r")
        #expect(refused.head.attribute("to") == "room@gw.example")
        #expect(refused.head.attribute("id") == "m1")
        #expect(refused.head.attribute("type") == "chat")
        #expect(refused.head.attribute("lang", namespace: XMLSerializer.xmlNamespace) == "fr")
        #expect(refused.head.attribute("extra") == nil)
    }

    /// An unterminated tag, and a refused stanza read through to find its end, both stop at the refused-stanza
    /// limit: that ends the stream.
    @Test(arguments: ["<message to='", "<message><body>"])
    func nothingGrowsPastTheRefusedStanzaLimit(opening: String) {
        let parser = XMLStreamParser(limits: XMLStreamLimits(maxStanzaBytes: 1024, maxRefusedStanzaBytes: 4096))
        var events: [XMLStreamEvent] = []
        #expect(throws: XMLStreamError.stanzaTooLarge(limit: 4096)) {
            try parser.parse(Array((StreamFixtures.header + opening).utf8), into: &events)
            for _ in 0..<100 {
                try parser.parse(Array(repeating: UInt8(ascii: "x"), count: 100), into: &events)
            }
        }
        #expect(events.count == 1, "only the stream header")
    }

    @Test func stanzaOverDefaultLimitIsRefusedAndTheStreamGoesOn() {
        let body = String(repeating: "z", count: 600 * 1024)
        let outcome = StreamFixtures.parse(
            StreamFixtures.header + "<message id='big'><body>" + body + "</body></message><presence id='next'/>"
        )
        #expect(outcome.error == nil)
        #expect(StreamFixtures.refusals(outcome.events).map(\.violation) == [.tooLarge(limit: 512 * 1024)])
        #expect(StreamFixtures.refusals(outcome.events).first?.head.attribute("id") == "big")
        #expect(StreamFixtures.elements(outcome.events).map { $0.attribute("id") } == ["next"])
    }

    @Test func stanzaOverTheRefusedStanzaLimitEndsTheStream() {
        let body = String(repeating: "z", count: 1100 * 1024)
        let outcome = StreamFixtures.parse(StreamFixtures.header + "<message><body>" + body + "</body></message>")
        #expect(outcome.error == .stanzaTooLarge(limit: 1024 * 1024))
        #expect(outcome.error?.condition == .policyViolation)
    }

    @Test func whitespaceKeepalivesDoNotCountTowardsStanzaSize() {
        let keepalives = String(repeating: " ", count: 500)
        let outcome = StreamFixtures.parse(
            StreamFixtures.header + keepalives + "<presence/>" + keepalives + "<presence/>",
            limits: XMLStreamLimits(maxStanzaBytes: 300)
        )
        #expect(outcome.error == nil)
        #expect(StreamFixtures.elements(outcome.events).count == 2)
        #expect(StreamFixtures.refusals(outcome.events).isEmpty)
    }

    @Test func nestingAtDepthLimitIsAcceptedAndDeeperIsRefusedAlone() {
        let limits = XMLStreamLimits(maxDepth: 4)
        // stream (1) > message (2) > a (3) > b (4)
        let accepted = StreamFixtures.parse(StreamFixtures.header + "<message><a><b/></a></message>", limits: limits)
        #expect(accepted.error == nil)
        #expect(StreamFixtures.elements(accepted.events).count == 1)
        let refused = StreamFixtures.parse(
            StreamFixtures.header + "<message id='deep'><a><b><c/><c><d/></c></b></a><e/></message><presence/>",
            limits: limits
        )
        #expect(refused.error == nil)
        #expect(StreamFixtures.refusals(refused.events).map(\.violation) == [.tooDeep(limit: 4)])
        #expect(StreamFixtures.refusals(refused.events).first?.head.attribute("id") == "deep")
        #expect(StreamFixtures.elements(refused.events).map(\.name) == ["presence"])
    }

    @Test func deepNestingBombIsRefusedAndTheStreamGoesOn() {
        let levels = 50_000
        let bomb = String(repeating: "<a>", count: levels) + String(repeating: "</a>", count: levels)
        let outcome = StreamFixtures.parse(
            StreamFixtures.header + "<message id='bomb'>" + bomb + "</message><message id='next'/>"
        )
        #expect(outcome.error == nil)
        #expect(StreamFixtures.refusals(outcome.events).map(\.violation) == [.tooDeep(limit: 64)])
        #expect(StreamFixtures.elements(outcome.events).map { $0.attribute("id") } == ["next"])
    }

    @Test func refusedStanzaMustStillBeWellFormed() {
        let outcome = StreamFixtures.parse(
            StreamFixtures.header + "<message>" + String(repeating: "<a>", count: 100) + "</b>",
            limits: XMLStreamLimits(maxDepth: 8)
        )
        guard case .notWellFormed? = outcome.error else {
            Issue.record("expected notWellFormed, got \(String(describing: outcome.error))")
            return
        }
    }

    private let shortHeader = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"

    @Test func attributesAtLimitAreAcceptedAndMoreAreRefusedAlone() {
        let limits = XMLStreamLimits(maxAttributes: 4)
        let accepted = StreamFixtures.parse(shortHeader + "<message a='1' b='2' c='3' id='x'/>", limits: limits)
        #expect(accepted.error == nil)
        #expect(StreamFixtures.elements(accepted.events).count == 1)
        let refused = StreamFixtures.parse(
            shortHeader + "<message a='1' b='2' c='3' d='4' id='top'/><message><x a='1' b='2' c='3' d='4' e='5'/></message>"
                + "<presence/>",
            limits: limits
        )
        #expect(refused.error == nil)
        #expect(
            StreamFixtures.refusals(refused.events).map(\.violation)
                == [.tooManyAttributes(limit: 4), .tooManyAttributes(limit: 4)]
        )
        #expect(StreamFixtures.refusals(refused.events).first?.head.attribute("id") == "top")
        #expect(StreamFixtures.elements(refused.events).map(\.name) == ["presence"])
    }

    @Test func namespaceDeclarationsCountAsAttributes() {
        let limits = XMLStreamLimits(maxAttributes: 3)
        let accepted = StreamFixtures.parse(shortHeader + "<message xmlns:p='urn:p' xmlns:q='urn:q' a='1'/>", limits: limits)
        #expect(accepted.error == nil)
        #expect(StreamFixtures.elements(accepted.events).count == 1)
        let refused = StreamFixtures.parse(
            shortHeader + "<message xmlns:p='urn:p' xmlns:q='urn:q' xmlns='jabber:component:accept' a='1'/>",
            limits: limits
        )
        #expect(refused.error == nil)
        #expect(StreamFixtures.refusals(refused.events).map(\.violation) == [.tooManyAttributes(limit: 3)])
    }

    @Test func streamHeaderIsSubjectToAttributeLimit() {
        let outcome = StreamFixtures.parse(StreamFixtures.header, limits: XMLStreamLimits(maxAttributes: 2))
        #expect(outcome.error == .tooManyAttributes(limit: 2))
        #expect(outcome.error?.condition == .policyViolation)
        #expect(outcome.events.isEmpty)
    }
}
