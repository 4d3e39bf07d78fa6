import Testing

@testable import XMPP

struct XMLElementTests {
    private let sample: XMLElement = {
        var element = XMLElement(
            name: "message",
            namespace: "jabber:client",
            attributes: [XMLAttribute(name: "to", value: "a@b")]
        )
        element.append(XMLElement(name: "body", namespace: "jabber:client", text: "hello"))
        element.append(XMLElement(name: "body", namespace: "urn:other", text: "other"))
        element.append(text: "x")
        element.append(text: "y")
        return element
    }()

    @Test func childIsFoundByNameAndNamespace() {
        #expect(sample.child(named: "body", namespace: "jabber:client")?.text == "hello")
        #expect(sample.child(named: "body", namespace: "urn:other")?.text == "other")
        #expect(sample.child(named: "body", namespace: nil) == nil)
    }

    @Test func appendedTextIsMerged() {
        #expect(sample.children.count == 3)
        #expect(sample.text == "xy")
    }

    @Test func attributeIsReadSetAndRemoved() {
        var element = sample
        #expect(element.attribute("to") == "a@b")
        #expect(element.attribute("to", namespace: "urn:x") == nil)
        element.setAttribute("id", to: "1")
        element.setAttribute("to", to: "c@d")
        #expect(element.attributes.map(\.name) == ["to", "id"])
        #expect(element.attribute("to") == "c@d")
        element.setAttribute("to", to: nil)
        #expect(element.attribute("to") == nil)
    }

    @Test func emptyNamespaceMeansNoNamespace() {
        #expect(XMLElement(name: "a", namespace: "") == XMLElement(name: "a"))
        #expect(XMLAttribute(name: "a", namespace: "", value: "") == XMLAttribute(name: "a", value: ""))
    }
}
