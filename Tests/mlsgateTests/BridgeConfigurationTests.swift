import Foundation
import Gateway
import Logging
import Testing
import XMPP

@testable import mlsgate

struct BridgeConfigurationTests {
    static let key = String(repeating: "ab", count: 32)
    static let base = ConfigurationTests.minimal + "\n"
    static let mirror = """
        [[bridges]]
        jid = "mirror@mls.localhost"
        kind = "mirror"
        rooms = { "secret@mls.localhost" = "plain@muc.localhost" }
        """

    static func configuration(_ toml: String) throws -> Configuration {
        try Configuration(toml: base + toml, environment: ["MLSGATE_BOTS_STATE_KEY": key])
    }

    @Test func aMirrorIsReadWithItsRoomsAndNick() throws {
        let config = try Self.configuration(Self.mirror + "\nnick = \"MLS bridge\"")
        let bridge = try #require(config.bridges.first)
        #expect(config.bridges.count == 1)
        #expect(bridge.jid == (try JID("mirror@mls.localhost")))
        #expect(bridge.kind == .mirror)
        #expect(bridge.nick == "MLS bridge")
        #expect(bridge.routes.plaintext(for: try JID("secret@mls.localhost")) == (try JID("plain@muc.localhost")))
        #expect(config.botStateKey != nil)
    }

    @Test func roomsMayBeATableUnderTheEntryAndTheNickDefaultsToTheLocalpart() throws {
        let config = try Self.configuration(
            """
            [[bridges]]
            jid = "mirror@mls.localhost"
            kind = "mirror"

            [bridges.rooms]
            "a@mls.localhost" = "plain-a@muc.localhost"
            "b@mls.localhost" = "plain-b@muc.localhost"
            """
        )
        let bridge = try #require(config.bridges.first)
        #expect(bridge.nick == "mirror")
        #expect(bridge.routes.encryptedRooms.map(\.description) == ["a@mls.localhost", "b@mls.localhost"])
    }

    @Test(arguments: [
        ("[bridges]\nx = 1", ConfigurationError.Code.invalidValue, "[[bridges]]"),
        (
            mirror.replacingOccurrences(of: "mirror@mls.localhost", with: "mirror@other.example"), .invalidValue,
            "[[bridges]] #1 jid"
        ),
        (
            mirror.replacingOccurrences(of: "jid = \"mirror@mls.localhost\"\n", with: ""), .missingKey,
            "[[bridges]] #1 jid"
        ),
        (
            mirror.replacingOccurrences(of: "kind = \"mirror\"", with: "kind = \"relay\""), .invalidValue,
            "[[bridges]] #1 kind"
        ),
        (mirror.replacingOccurrences(of: "kind = \"mirror\"\n", with: ""), .missingKey, "[[bridges]] #1 kind"),
        (mirror + "\nnik = \"m\"", .unknownKey, "[[bridges]] #1 nik"),
        (
            mirror + "\n[[bridges]]\njid = \"secret@mls.localhost\"\nkind = \"mirror\"\n"
                + "rooms = { \"other@mls.localhost\" = \"other@muc.localhost\" }", .invalidValue, "[[bridges]] #2 jid"
        ),
        (mirror + "\nnick = \"\"", .invalidValue, "[[bridges]] #1 nick"),
        ("[[bridges]]\njid = \"mirror@mls.localhost\"\nkind = \"mirror\"", .missingKey, "[[bridges]] #1 rooms"),
        (
            mirror.replacingOccurrences(of: "rooms = {", with: "rooms = \"x\" #"), .invalidValue,
            "[[bridges]] #1 rooms"
        ),
        (
            "[[bridges]]\njid = \"mirror@mls.localhost\"\nkind = \"mirror\"\nrooms = {}", .invalidValue,
            "[[bridges]] #1 rooms"
        ),
        (
            mirror.replacingOccurrences(of: "plain@muc.localhost", with: "plain@mls.localhost"), .invalidValue,
            "[[bridges]] #1 rooms"
        ),
        (
            mirror.replacingOccurrences(of: "secret@mls.localhost", with: "secret@muc.localhost"), .invalidValue,
            "[[bridges]] #1 rooms"
        ),
        (
            mirror.replacingOccurrences(of: "\"plain@muc.localhost\"", with: "5"), .invalidValue,
            "[[bridges]] #1 rooms"
        ),
        (
            mirror.replacingOccurrences(of: "secret@mls.localhost", with: "echo@mls.localhost")
                + "\n[[bots]]\njid = \"echo@mls.localhost\"\nkind = \"echo\"", .invalidValue, "[[bridges]] #1 rooms"
        ),
        (
            mirror + "\n[[bots]]\njid = \"mirror@mls.localhost\"\nkind = \"echo\"", .invalidValue,
            "[[bridges]] #1 jid"
        ),
        (
            mirror + "\n"
                + mirror.replacingOccurrences(of: "mirror@", with: "other@")
                .replacingOccurrences(of: "secret@", with: "second@"), .invalidValue, "[[bridges]] #2 rooms"
        ),
        (
            mirror + "\n"
                + mirror.replacingOccurrences(of: "mirror@", with: "other@")
                .replacingOccurrences(of: "plain@", with: "second@"), .invalidValue, "[[bridges]] #2 rooms"
        ),
        (mirror + "\n" + mirror, .invalidValue, "[[bridges]] #2 jid"),
    ])
    func invalidBridgeSettingsNameTheKey(toml: String, code: ConfigurationError.Code, key: String) {
        #expect(throws: ConfigurationError(code, key: key, "")) { try Self.configuration(toml) }
    }

    @Test func bridgesNeedTheStateKey() {
        #expect(throws: ConfigurationError(.missingKey, key: "[bots_state] key", "")) {
            try Configuration(toml: Self.base + Self.mirror)
        }
    }

    @Test func checkConfigPointsAtTheLineOfABridgeKeyOrOfItsEntry() throws {
        let state = Self.base + "[bots_state]\nkey = \"\(Self.key)\"\n"
        let missing = try CheckConfigTests.write(
            state + """

                [[bridges]]
                jid = "mirror@mls.localhost"
                kind = "mirror"
                """
        )
        let first = CheckConfigCommand.report(path: missing, environment: [:])
        #expect(first.count == 1)
        #expect(first.first?.hasPrefix("\(missing):7: configuration error [missing-key] [[bridges]] #1 rooms:") == true)
        let invalid = try CheckConfigTests.write(
            state + Self.mirror + """

                [[bridges]]
                jid = "other@mls.localhost"
                kind = "mirror"

                [bridges.rooms]
                "second@mls.localhost" = "plain@mls.localhost"
                """
        )
        let second = CheckConfigCommand.report(path: invalid, environment: [:])
        #expect(second.count == 1)
        #expect(
            second.first?.hasPrefix("\(invalid):14: configuration error [invalid-value] [[bridges]] #2 rooms:") == true
        )
    }

    @Test func theLocatorFindsEntriesOfArraysOfTablesAndTheirKeys() {
        let locator = ConfigurationLocator(
            text: """
                [[bots]]
                jid = "a"
                [[bridges]]
                jid = "b"
                [[bridges]]
                kind = "mirror"
                jid = "c"
                [bridges.rooms]
                "x" = "y"
                [logging]
                jid = "d"
                """
        )
        #expect(locator.line(of: "[[bridges]] #1") == 3)
        #expect(locator.line(of: "[[bridges]] #1 jid") == 4)
        #expect(locator.line(of: "[[bridges]] #2 jid") == 7)
        #expect(locator.line(of: "[[bridges]] #2 rooms") == 8)
        #expect(locator.line(of: "[[bridges]] #1 rooms") == 3)
        #expect(locator.line(of: "[[bots]] #1 jid") == 2)
        #expect(locator.line(of: "[[bridges]] #3 jid") == nil)
    }

    @Test func theExampleFileDocumentsAMirrorThatParses() throws {
        let path = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/") + "/Config/mlsgate.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // The example keeps its [[bridges]] entry commented out: uncommented, it is valid.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "# [[bridges]]") else {
            Issue.record("no commented [[bridges]] entry in Config/mlsgate.toml")
            return
        }
        let entry = lines[start...].prefix { $0.hasPrefix("# ") || $0 == "#" }
            .map { $0.dropFirst(min(2, $0.count)) }.joined(separator: "\n")
        let config = try Configuration(toml: text + "\n" + entry, environment: ["MLSGATE_BOTS_STATE_KEY": Self.key])
        #expect(config.bridges.map(\.kind) == [.mirror])
    }

    @Test func buildServicesRunsOneRunnerPerBridgeAfterTheBots() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mlsgate-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("mlsgate.sqlite").path
        let config = try Configuration(
            toml: Self.base + "[[bots]]\njid = \"echo@mls.localhost\"\nkind = \"echo\"\n" + Self.mirror,
            environment: ["MLSGATE_STORAGE_PATH": path, "MLSGATE_BOTS_STATE_KEY": Self.key]
        )
        let built = try buildServices(
            config: config,
            makeLogger: { Logger(label: $0, factory: { _ in SwiftLogNoOpLogHandler() }) }
        )
        let runners = built.services.compactMap { $0 as? BotRunner }
        #expect(runners.map(\.jid.description) == ["echo@mls.localhost", "mirror@mls.localhost"])
        // Stanzas the server sends to the bridge's JID go to the bridge, not to the router's handlers.
        func query(to: String) -> XMLElement {
            var iq = XMLElement(
                name: "iq",
                namespace: XMPPNamespace.component,
                attributes: [
                    XMLAttribute(name: "from", value: "plain@muc.localhost/bob"), XMLAttribute(name: "to", value: to),
                    XMLAttribute(name: "type", value: "get"), XMLAttribute(name: "id", value: "q1"),
                ]
            )
            iq.append(XMLElement(name: "query", namespace: "urn:example:unknown"))
            return iq
        }
        #expect(await built.router.route(query(to: "mirror@mls.localhost/bridge")).isEmpty)
        #expect(await built.router.route(query(to: "echo@mls.localhost/bridge")).count == 1)
    }
}
