import Testing

@testable import XMPP

struct XMLSerializerTests {
    @Test func serializerWritesEmptyElementSelfClosed() {
        #expect(XMLSerializer().serialize(XMLElement(name: "ping", namespace: "urn:xmpp:ping")) == #"<ping xmlns="urn:xmpp:ping"/>"#)
    }

    @Test func serializerOmitsNamespaceEqualToParentDefault() {
        var message = XMLElement(name: "message", namespace: "jabber:component:accept")
        message.append(XMLElement(name: "body", namespace: "jabber:component:accept", text: "hi"))
        message.append(XMLElement(name: "x", namespace: "urn:example"))
        let output = XMLSerializer(defaultNamespace: "jabber:component:accept").serialize(message)
        #expect(output == #"<message><body>hi</body><x xmlns="urn:example"/></message>"#)
    }

    @Test func serializerUndeclaresDefaultForChildInNoNamespace() {
        var outer = XMLElement(name: "a", namespace: "urn:a")
        outer.append(XMLElement(name: "b"))
        #expect(XMLSerializer().serialize(outer) == #"<a xmlns="urn:a"><b xmlns=""/></a>"#)
    }

    @Test func serializerUsesPrefixInScope() {
        let error = XMLElement(name: "error", namespace: "http://etherx.jabber.org/streams")
        let serializer = XMLSerializer(
            defaultNamespace: "jabber:component:accept",
            prefixes: ["http://etherx.jabber.org/streams": "stream"]
        )
        #expect(serializer.serialize(error) == "<stream:error/>")
    }

    @Test func serializerEscapesTextAndAttributes() {
        let element = XMLElement(
            name: "a",
            attributes: [XMLAttribute(name: "v", value: "<\"'&>\t\n\r")],
            text: "<&>\"'\r"
        )
        #expect(XMLSerializer().serialize(element) == #"<a v="&lt;&quot;'&amp;&gt;&#9;&#10;&#13;">&lt;&amp;&gt;"'&#13;</a>"#)
    }

    @Test func serializerReplacesCharactersXMLCannotCarry() {
        let element = XMLElement(name: "a", text: "x\u{0}y\u{1B}z\u{FFFE}")
        #expect(XMLSerializer().serialize(element) == "<a>x\u{FFFD}y\u{FFFD}z\u{FFFD}</a>")
    }

    @Test func serializerWritesXMLLangWithPredefinedPrefix() {
        let element = XMLElement(
            name: "body",
            attributes: [XMLAttribute(name: "lang", namespace: XMLSerializer.xmlNamespace, value: "en")]
        )
        #expect(XMLSerializer().serialize(element) == #"<body xml:lang="en"/>"#)
    }

    @Test func serializerDeclaresGeneratedPrefixForNamespacedAttribute() {
        var outer = XMLElement(
            name: "a",
            attributes: [
                XMLAttribute(name: "p", namespace: "urn:p", value: "1"),
                XMLAttribute(name: "q", namespace: "urn:q", value: "2"),
            ]
        )
        outer.append(XMLElement(name: "b", attributes: [XMLAttribute(name: "p", namespace: "urn:p", value: "3")]))
        #expect(
            XMLSerializer().serialize(outer)
                == #"<a xmlns:ns1="urn:p" xmlns:ns2="urn:q" ns1:p="1" ns2:q="2"><b ns1:p="3"/></a>"#
        )
    }
}
