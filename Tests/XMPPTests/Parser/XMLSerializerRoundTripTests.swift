import Testing

@testable import XMPP

struct XMLSerializerRoundTripTests {
    private static let awkwardStrings = [
        "plain",
        "<tag> & \"quotes\" 'apostrophes' ]]> end",
        "tab\tnewline\ncarriage\rreturn\r\n",
        "caf\u{E9} \u{263A} \u{1F600} \u{10FFFD}",
        "&amp; &lt; literally",
    ]

    @Test(arguments: awkwardStrings)
    func textAndAttributeValuesSurviveParsing(value: String) throws {
        var message = XMLElement(
            name: "message",
            namespace: "jabber:component:accept",
            attributes: [
                XMLAttribute(name: "id", value: value),
                XMLAttribute(name: "lang", namespace: XMLSerializer.xmlNamespace, value: "en"),
            ]
        )
        message.append(XMLElement(name: "body", namespace: "jabber:component:accept", text: value))
        var payload = XMLElement(
            name: "payload",
            namespace: "urn:example",
            attributes: [XMLAttribute(name: "k", namespace: "urn:attr", value: value)]
        )
        payload.append(XMLElement(name: "inner", text: value))
        payload.append(XMLElement(name: "deeper", namespace: "urn:attr"))
        message.append(payload)
        message.append(XMLElement(name: "error", namespace: XMLStreamParser.streamNamespace))

        let serializer = XMLSerializer(
            defaultNamespace: "jabber:component:accept",
            prefixes: [XMLStreamParser.streamNamespace: "stream"]
        )
        let outcome = StreamFixtures.parse(StreamFixtures.header + serializer.serialize(message))
        #expect(outcome.error == nil)
        let parsed = try #require(StreamFixtures.elements(outcome.events).first)
        #expect(parsed == message)
    }

    @Test func standaloneSerializationParsesInsideAnyStream() throws {
        var element = XMLElement(name: "query", namespace: "http://jabber.org/protocol/disco#info")
        element.append(XMLElement(name: "feature", namespace: "http://jabber.org/protocol/disco#info"))
        let outcome = StreamFixtures.parse(StreamFixtures.header + XMLSerializer().serialize(element))
        #expect(StreamFixtures.elements(outcome.events).first == element)
    }
}
