import Foundation
import Testing
import XMPP

@Suite struct SCEEnvelopeTests {
    @Test func aSerializedEnvelopeParsesBackToTheSameValue() throws {
        let envelope = SCEEnvelope(
            body: "hello <world> & all",
            from: try JID("alice@example.org"),
            date: Date(timeIntervalSince1970: 1_700_000_000),
            rpad: "XyZ"
        )
        let parsed = try SCEEnvelope(serialized: envelope.serialized())
        #expect(parsed == envelope)
        #expect(parsed.body == "hello <world> & all")
        #expect(parsed.from?.description == "alice@example.org")
        #expect(parsed.rpad == "XyZ")
        #expect(parsed.time == "2023-11-14T22:13:20Z")
    }

    @Test func theWireFormIsAnEnvelopeWithABodyInTheClientNamespace() throws {
        let envelope = SCEEnvelope(body: "hi", from: nil, date: Date(timeIntervalSince1970: 0), rpad: nil)
        let text = String(decoding: envelope.serialized(), as: UTF8.self)
        #expect(
            text == "<envelope xmlns=\"urn:xmpp:sce:1\"><content><body xmlns=\"jabber:client\">hi</body></content>"
                + "<time stamp=\"1970-01-01T00:00:00Z\"/></envelope>"
        )
    }

    @Test func anEnvelopeFromAnotherClientParses() throws {
        let xml = """
            <envelope xmlns='urn:xmpp:sce:1'><content><body xmlns='jabber:client'>hello</body></content>\
            <rpad>abc</rpad><from jid='bob@example.org/phone'/><time stamp='2026-01-01T00:00:00Z'/></envelope>
            """
        let envelope = try SCEEnvelope(serialized: Array(xml.utf8))
        #expect(envelope.body == "hello")
        #expect(envelope.from?.description == "bob@example.org/phone")
        #expect(envelope.time == "2026-01-01T00:00:00Z")
    }

    @Test func anEnvelopeWithoutContentIsRefused() {
        let xml = "<envelope xmlns='urn:xmpp:sce:1'><rpad>abc</rpad></envelope>"
        #expect(throws: SCEEnvelopeError.missingContent) { try SCEEnvelope(serialized: Array(xml.utf8)) }
    }

    @Test func anEnvelopeWithTwoContentsIsRefused() {
        let xml = "<envelope xmlns='urn:xmpp:sce:1'><content/><content/></envelope>"
        #expect(throws: SCEEnvelopeError.duplicateContent) { try SCEEnvelope(serialized: Array(xml.utf8)) }
    }

    @Test func anEnvelopeInTheWrongNamespaceIsRefused() {
        let xml = "<envelope xmlns='urn:xmpp:sce:0'><content/></envelope>"
        #expect(throws: SCEEnvelopeError.notAnEnvelope(name: "envelope", namespace: "urn:xmpp:sce:0")) {
            try SCEEnvelope(serialized: Array(xml.utf8))
        }
    }

    @Test func aMalformedFromAffixIsRefused() {
        let xml = "<envelope xmlns='urn:xmpp:sce:1'><content/><from/></envelope>"
        #expect(throws: SCEEnvelopeError.malformedAffix("from")) { try SCEEnvelope(serialized: Array(xml.utf8)) }
    }

    @Test(arguments: ["", "not xml", "<a xmlns='urn:xmpp:sce:1'/><b/>", "<envelope xmlns='urn:xmpp:sce:1'>"])
    func bytesThatAreNotOneElementAreRefused(_ text: String) {
        #expect {
            try SCEEnvelope(serialized: Array(text.utf8))
        } throws: { error in
            guard case SCEEnvelopeError.notWellFormed = error else { return false }
            return true
        }
    }

    @Test func paddingIsRandomLettersAndDigitsOfALengthInTheRange() {
        let paddings = (0..<200).map { _ in SCEEnvelope.randomPadding(lengths: 16..<48) }
        #expect(paddings.allSatisfy { (16..<48).contains($0.count) })
        #expect(paddings.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        #expect(Set(paddings).count == paddings.count)
        #expect((0..<200).allSatisfy { _ in SCEEnvelope.randomPadding().count < 32 })
        #expect(SCEEnvelope.randomPadding(lengths: 5..<5).isEmpty)
    }
}
