import Testing

@testable import XMPP

struct StreamErrorTests {
    @Test func streamErrorSerializesWithStreamPrefix() {
        #expect(
            StreamError(.policyViolation, text: "stanza too large").serialized()
                == "<stream:error><policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"
                + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\">stanza too large</text></stream:error>"
        )
    }

    @Test(arguments: StreamErrorCondition.allCases)
    func everyConditionRoundTripsThroughParser(condition: StreamErrorCondition) throws {
        let error = StreamError(condition, text: "a < b")
        let outcome = StreamFixtures.parse(StreamFixtures.header + error.serialized())
        #expect(outcome.error == nil)
        let element = try #require(StreamFixtures.elements(outcome.events).first)
        #expect(StreamError(element: element) == error)
    }

    @Test func unknownConditionReadsAsUndefined() {
        var element = XMLElement(name: "error", namespace: XMPPNamespace.stream)
        element.append(XMLElement(name: "brand-new", namespace: XMPPNamespace.streamErrors))
        #expect(StreamError(element: element)?.condition == .undefinedCondition)
        #expect(StreamError(element: XMLElement(name: "error", namespace: XMPPNamespace.component)) == nil)
    }

    @Test func parserErrorMapsToItsCondition() {
        #expect(StreamError(XMLStreamError.stanzaTooLarge(limit: 10)).condition == .policyViolation)
        #expect(StreamError(XMLStreamError.restrictedXML(.comment)).condition == .restrictedXML)
        #expect(StreamError(XMLStreamError.invalidUTF8(byteOffset: 3)).condition == .unsupportedEncoding)
        #expect(StreamError(XMLStreamError.notWellFormed("x")).condition == .notWellFormed)
    }
}
