import Gateway
import Testing
import XMPP

@Suite struct MirrorRoutesTests {
    static let domain = try! JID("mls.example.org")

    static func routes(_ pairs: [(String, String)]) throws -> MirrorRoutes {
        try MirrorRoutes(pairs.map { (try JID($0.0), try JID($0.1)) }, domain: domain)
    }

    @Test func roomsMapBothWays() throws {
        let routes = try Self.routes([
            ("b@mls.example.org", "plain-b@conference.example.org"),
            ("a@mls.example.org", "plain-a@conference.example.org"),
        ])
        #expect(routes.plaintext(for: try JID("a@mls.example.org/nick")) == (try JID("plain-a@conference.example.org")))
        #expect(routes.encrypted(for: try JID("plain-b@conference.example.org")) == (try JID("b@mls.example.org")))
        #expect(routes.plaintext(for: try JID("c@mls.example.org")) == nil)
        #expect(routes.encryptedRooms.map(\.description) == ["a@mls.example.org", "b@mls.example.org"])
    }

    @Test(
        arguments: [
            ([], MirrorRoutesError.empty),
            (
                [("a@conference.example.org", "p@conference.example.org")],
                .encryptedRoomNotOnComponent(try! JID("a@conference.example.org"), domain: domain)
            ),
            (
                [("mls.example.org", "p@conference.example.org")],
                .encryptedRoomNotOnComponent(try! JID("mls.example.org"), domain: domain)
            ),
            (
                [("a@mls.example.org/n", "p@conference.example.org")],
                .encryptedRoomNotOnComponent(try! JID("a@mls.example.org/n"), domain: domain)
            ),
            (
                [("a@mls.example.org", "p@mls.example.org")],
                .plaintextRoomNotElsewhere(try! JID("p@mls.example.org"), domain: domain)
            ),
            (
                [("a@mls.example.org", "conference.example.org")],
                .plaintextRoomNotElsewhere(try! JID("conference.example.org"), domain: domain)
            ),
            (
                [("a@mls.example.org", "p@conference.example.org"), ("b@mls.example.org", "p@conference.example.org")],
                .plaintextRoomTwice(try! JID("p@conference.example.org"))
            ),
            (
                [("a@mls.example.org", "p@conference.example.org"), ("a@mls.example.org", "q@conference.example.org")],
                .encryptedRoomTwice(try! JID("a@mls.example.org"))
            ),
        ] as [([(String, String)], MirrorRoutesError)]
    )
    func invalidMappingsAreRefused(pairs: [(String, String)], error: MirrorRoutesError) {
        #expect(throws: error) { try Self.routes(pairs) }
    }
}
