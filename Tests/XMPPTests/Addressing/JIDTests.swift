import Testing

@testable import XMPP

struct JIDTests {
    @Test(arguments: [
        ("example.com", nil, "example.com", nil),
        ("user@example.com", "user", "example.com", nil),
        ("user@example.com/res", "user", "example.com", "res"),
        ("example.com/res", nil, "example.com", "res"),
        ("User@Example.COM/Res", "user", "example.com", "Res"),
        ("user@example.com./r", "user", "example.com", "r"),
        ("room@muc.example/nick with spaces", "room", "muc.example", "nick with spaces"),
        ("a@b/c/d@e", "a", "b", "c/d@e"),
        ("a@b/@", "a", "b", "@"),
        ("juliet@[::1]/balcony", "juliet", "[::1]", "balcony"),
        ("\u{C9}lise@caf\u{E9}.example", "\u{E9}lise", "caf\u{E9}.example", nil),
        ("user@192.0.2.1", "user", "192.0.2.1", nil),
    ] as [(String, String?, String, String?)])
    func validJIDIsParsedAndNormalized(input: String, local: String?, domain: String, resource: String?) throws {
        let jid = try JID(input)
        #expect(jid.localpart == local)
        #expect(jid.domainpart == domain)
        #expect(jid.resourcepart == resource)
        #expect(try JID(jid.description) == jid)
    }

    @Test(arguments: [
        ("", JIDError.emptyDomainpart),
        ("@example.com", .emptyLocalpart),
        ("user@", .emptyDomainpart),
        ("user@example.com/", .emptyResourcepart),
        ("/res", .emptyDomainpart),
        ("us\"er@example.com", .invalidLocalpartCharacter("\"")),
        ("us&er@example.com", .invalidLocalpartCharacter("&")),
        ("us'er@example.com", .invalidLocalpartCharacter("'")),
        ("us:er@example.com", .invalidLocalpartCharacter(":")),
        ("us<er@example.com", .invalidLocalpartCharacter("<")),
        ("us>er@example.com", .invalidLocalpartCharacter(">")),
        ("a@b@example.com", .invalidDomainpart("b@example.com")),
        ("us er@example.com", .invalidLocalpartCharacter(" ")),
        ("us\u{A0}er@example.com", .invalidLocalpartCharacter("\u{A0}")),
        ("us\u{7}er@example.com", .invalidLocalpartCharacter("\u{7}")),
        ("user@exa mple.com", .invalidDomainpart("exa mple.com")),
        ("user@example..com", .invalidDomainpart("example..com")),
        ("user@.", .emptyDomainpart),
        ("user@example.com/re\u{0}s", .invalidResourcepartCharacter("\u{0}")),
        ("user@example.com/re\ns", .invalidResourcepartCharacter("\n")),
    ] as [(String, JIDError)])
    func invalidJIDIsRejected(input: String, expected: JIDError) {
        #expect(throws: expected) { try JID(input) }
    }

    @Test func partsAreLimitedTo1023Bytes() throws {
        let max = String(repeating: "a", count: 1023)
        let over = max + "a"
        #expect(try JID("\(max)@\(max)/\(max)").description.utf8.count == 3 * 1023 + 2)
        #expect(throws: JIDError.localpartTooLong) { try JID("\(over)@example.com") }
        #expect(throws: JIDError.domainpartTooLong) { try JID(over) }
        #expect(throws: JIDError.resourcepartTooLong) { try JID("example.com/\(over)") }
        // Bytes, not characters: 512 two-byte characters are 1024 bytes.
        #expect(throws: JIDError.localpartTooLong) { try JID(String(repeating: "\u{E9}", count: 512) + "@x") }
    }

    @Test func bareDropsResourceAndEqualityIsCaseInsensitiveOutsideResource() throws {
        let full = try JID("Room@MUC.example/Nick")
        #expect(full.bare == (try JID("room@muc.example")))
        #expect(full.bare.isBare)
        #expect(!full.isBare)
        #expect(full == (try JID("room@muc.example/Nick")))
        #expect(full != (try JID("room@muc.example/nick")))
        #expect(Set([full, try JID("ROOM@muc.example/Nick")]).count == 1)
    }

    @Test func withResourceValidatesResource() throws {
        let bare = try JID("room@muc.example")
        #expect(try bare.withResource("n").description == "room@muc.example/n")
        #expect(try bare.withResource(nil) == bare)
        #expect(throws: JIDError.emptyResourcepart) { try bare.withResource("") }
    }

    @Test func partsInitializerValidates() throws {
        #expect(try JID(localpart: "A", domainpart: "B", resourcepart: "C").description == "a@b/C")
        #expect(throws: JIDError.invalidLocalpartCharacter("@")) {
            try JID(localpart: "a@b", domainpart: "example.com")
        }
        #expect(throws: JIDError.invalidDomainpart("a/b")) { try JID(localpart: nil, domainpart: "a/b") }
    }
}
