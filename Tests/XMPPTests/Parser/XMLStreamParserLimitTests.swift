import Testing

@testable import XMPP

struct XMLStreamParserLimitTests {
    @Test func defaultsAreDocumentedValues() {
        let limits = XMLStreamLimits()
        #expect(limits.maxStanzaBytes == 524_288)
        #expect(limits.maxDepth == 64)
        #expect(limits.maxAttributes == 64)
    }

    @Test func stanzaAtSizeLimitIsAcceptedAndOneByteMoreIsRefused() {
        let stanza = "<message><body>" + String(repeating: "a", count: 100) + "</body></message>"
        let size = stanza.utf8.count
        let accepted = StreamFixtures.parse(
            StreamFixtures.header + stanza + stanza,
            limits: XMLStreamLimits(maxStanzaBytes: size)
        )
        #expect(accepted.error == nil)
        #expect(StreamFixtures.elements(accepted.events).count == 2)

        let refused = StreamFixtures.parse(
            StreamFixtures.header + stanza,
            limits: XMLStreamLimits(maxStanzaBytes: size - 1)
        )
        #expect(refused.error == .stanzaTooLarge(limit: size - 1))
        #expect(refused.error?.condition == .policyViolation)
        #expect(StreamFixtures.elements(refused.events).isEmpty)
    }

    @Test func oversizedStanzaIsRefusedAtEverySplit() {
        let bytes = Array((StreamFixtures.header + "<message><body>" + String(repeating: "b", count: 300)
            + "</body></message>").utf8)
        let limits = XMLStreamLimits(maxStanzaBytes: 200)
        for offset in 0...bytes.count {
            let outcome = StreamFixtures.parse([Array(bytes[..<offset]), Array(bytes[offset...])], limits: limits)
            #expect(outcome.error == .stanzaTooLarge(limit: 200), "split at \(offset)")
        }
    }

    @Test func unterminatedTagCannotGrowPastLimit() {
        let parser = XMLStreamParser(limits: XMLStreamLimits(maxStanzaBytes: 1024))
        var events: [XMLStreamEvent] = []
        #expect(throws: XMLStreamError.stanzaTooLarge(limit: 1024)) {
            try parser.parse(Array((StreamFixtures.header + "<message to='").utf8), into: &events)
            for _ in 0..<100 {
                try parser.parse(Array(repeating: UInt8(ascii: "x"), count: 100), into: &events)
            }
        }
    }

    @Test func hugeSingleChunkIsRefusedWithDefaultLimit() {
        let body = String(repeating: "z", count: 600 * 1024)
        let outcome = StreamFixtures.parse(StreamFixtures.header + "<message><body>" + body + "</body></message>")
        #expect(outcome.error == .stanzaTooLarge(limit: 512 * 1024))
    }

    @Test func whitespaceKeepalivesDoNotCountTowardsStanzaSize() {
        let keepalives = String(repeating: " ", count: 500)
        let outcome = StreamFixtures.parse(
            StreamFixtures.header + keepalives + "<presence/>" + keepalives + "<presence/>",
            limits: XMLStreamLimits(maxStanzaBytes: 300)
        )
        #expect(outcome.error == nil)
        #expect(StreamFixtures.elements(outcome.events).count == 2)
    }

    @Test func nestingAtDepthLimitIsAcceptedAndDeeperIsRefused() {
        let limits = XMLStreamLimits(maxDepth: 4)
        // stream (1) > message (2) > a (3) > b (4)
        let accepted = StreamFixtures.parse(StreamFixtures.header + "<message><a><b/></a></message>", limits: limits)
        #expect(accepted.error == nil)
        #expect(StreamFixtures.elements(accepted.events).count == 1)
        let refused = StreamFixtures.parse(StreamFixtures.header + "<message><a><b><c/></b></a></message>", limits: limits)
        #expect(refused.error == .nestingTooDeep(limit: 4))
        #expect(refused.error?.condition == .policyViolation)
    }

    @Test func deepNestingBombIsRefusedWithDefaultLimit() {
        let bomb = String(repeating: "<a>", count: 100_000)
        let outcome = StreamFixtures.parse(StreamFixtures.header + "<message>" + bomb)
        #expect(outcome.error == .nestingTooDeep(limit: 64))
    }

    private let shortHeader = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"

    @Test func attributesAtLimitAreAcceptedAndMoreAreRefused() {
        let limits = XMLStreamLimits(maxAttributes: 3)
        let accepted = StreamFixtures.parse(shortHeader + "<message a='1' b='2' c='3'/>", limits: limits)
        #expect(accepted.error == nil)
        #expect(StreamFixtures.elements(accepted.events).count == 1)
        let refused = StreamFixtures.parse(shortHeader + "<message a='1' b='2' c='3' d='4'/>", limits: limits)
        #expect(refused.error == .tooManyAttributes(limit: 3))
        #expect(refused.error?.condition == .policyViolation)
    }

    @Test func namespaceDeclarationsCountAsAttributes() {
        let limits = XMLStreamLimits(maxAttributes: 3)
        let accepted = StreamFixtures.parse(shortHeader + "<message xmlns:p='urn:p' xmlns:q='urn:q' a='1'/>", limits: limits)
        #expect(accepted.error == nil)
        let refused = StreamFixtures.parse(
            shortHeader + "<message xmlns:p='urn:p' xmlns:q='urn:q' xmlns='jabber:component:accept' a='1'/>",
            limits: limits
        )
        #expect(refused.error == .tooManyAttributes(limit: 3))
    }

    @Test func streamHeaderIsSubjectToAttributeLimit() {
        let outcome = StreamFixtures.parse(StreamFixtures.header, limits: XMLStreamLimits(maxAttributes: 2))
        #expect(outcome.error == .tooManyAttributes(limit: 2))
        #expect(outcome.events.isEmpty)
    }
}
