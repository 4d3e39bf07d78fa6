import Testing

@testable import XMPP

/// RFC 6120 §11: no DTDs, entities, comments or processing instructions; UTF-8 only.
struct XMLStreamParserRestrictedXMLTests {
    private static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept'>
        <message><body>&lol9;</body></message>
        """

    @Test func billionLaughsIsRefusedWithoutExpansion() {
        let bytes = Array(Self.billionLaughs.utf8)
        let whole = StreamFixtures.parse([bytes])
        #expect(whole.error == .restrictedXML(.documentTypeDeclaration))
        #expect(whole.error?.condition == .restrictedXML)
        #expect(whole.events.isEmpty)
        #expect(StreamFixtures.parse(bytes.map { [$0] }) == whole)
    }

    @Test(arguments: [
        "<!DOCTYPE stream SYSTEM 'http://example.com/evil.dtd'>",
        "<!DOCTYPE stream [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>",
        "<!DOCTYPE stream [<!ENTITY % p SYSTEM 'http://example.com/p'> %p;]>",
        "<!DOCTYPE stream>",
    ])
    func documentTypeDeclarationsAreRefused(doctype: String) {
        let outcome = StreamFixtures.parse(
            "<?xml version='1.0'?>" + doctype
                + "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'><message>&xxe;</message>"
        )
        #expect(outcome.error == .restrictedXML(.documentTypeDeclaration))
        #expect(outcome.events.isEmpty)
    }

    @Test func undeclaredEntityReferenceInStanzaIsNotExpanded() {
        let outcome = StreamFixtures.parse(StreamFixtures.header + "<message><body>&xxe;</body></message>")
        guard case .notWellFormed(let reason) = outcome.error else {
            Issue.record("expected notWellFormed, got \(String(describing: outcome.error))")
            return
        }
        #expect(reason.contains("undefined entity"))
        #expect(StreamFixtures.elements(outcome.events).isEmpty)
    }

    @Test func commentIsRestricted() {
        let outcome = StreamFixtures.parse(StreamFixtures.header + "<message><!-- hi --></message>")
        #expect(outcome.error == .restrictedXML(.comment))
    }

    @Test func processingInstructionIsRestricted() {
        let outcome = StreamFixtures.parse(StreamFixtures.header + "<message><?php echo 1; ?></message>")
        #expect(outcome.error == .restrictedXML(.processingInstruction))
    }

    @Test func utf8DeclarationIsAccepted() {
        let outcome = StreamFixtures.parse(
            "<?xml version='1.0' encoding='utf-8'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"
        )
        #expect(outcome.error == nil)
        #expect(outcome.events.count == 1)
    }

    @Test func otherDeclaredEncodingIsUnsupported() {
        let outcome = StreamFixtures.parse(
            "<?xml version='1.0' encoding='ISO-8859-1'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"
        )
        #expect(outcome.error == .unsupportedEncoding("ISO-8859-1"))
        #expect(outcome.error?.condition == .unsupportedEncoding)
        #expect(outcome.events.isEmpty)
    }

    @Test(arguments: [
        [0xC0, 0xAF],  // overlong '/'
        [0xE0, 0x80, 0xAF],  // overlong
        [0xED, 0xA0, 0x80],  // encoded surrogate U+D800
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0xF5],  // never a lead byte
        [0xFF],
        [0x80],  // stray continuation
        [0xE2, 0x82, 0x41],  // sequence cut short by ASCII
    ] as [[UInt8]])
    func invalidUTF8IsUnsupportedEncoding(bad: [UInt8]) {
        let prefix = Array((StreamFixtures.header + "<message><body>").utf8)
        let outcome = StreamFixtures.parse([prefix + bad + Array("</body></message>".utf8)])
        guard case .invalidUTF8(let offset) = outcome.error else {
            Issue.record("expected invalidUTF8, got \(String(describing: outcome.error))")
            return
        }
        #expect(offset >= prefix.count && offset < prefix.count + bad.count)
        #expect(outcome.error?.condition == .unsupportedEncoding)
    }

    @Test func incompleteUTF8AtEndOfInputIsTruncated() {
        let bytes = Array((StreamFixtures.header + "</stream:stream>").utf8)
        let outcome = StreamFixtures.parse([bytes, [0xE2, 0x82]], finish: true)
        #expect(outcome.error == .truncated)
    }

    @Test func utf16ByteOrderMarkIsRefused() {
        let outcome = StreamFixtures.parse([[0xFE, 0xFF, 0x00, 0x3C]])
        #expect(outcome.error?.condition == .unsupportedEncoding)
    }
}
