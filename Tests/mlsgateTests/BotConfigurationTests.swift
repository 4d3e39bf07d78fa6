import Foundation
import Gateway
import Logging
import Testing
import XMPP

@testable import mlsgate

struct BotConfigurationTests {
    static let key = String(repeating: "ab", count: 32)
    static let base = ConfigurationTests.minimal + "\n"

    @Test func botsAreReadWithTheirKindAndStateKey() throws {
        let config = try Configuration(
            toml: Self.base + """
                [[bots]]
                jid = "echo@mls.localhost"
                kind = "echo"

                [bots_state]
                update_messages = 5
                update_interval = 60
                """,
            environment: ["MLSGATE_BOTS_STATE_KEY": Self.key]
        )
        #expect(config.bots == [BotSettings(jid: try JID("echo@mls.localhost"), kind: .echo)])
        #expect(config.botStateKey != nil)
        #expect(config.botUpdateSchedule == BotUpdateSchedule(messages: 5, interval: 60))
    }

    @Test func theExampleFileShowsTheEchoBotReadyToUncomment() throws {
        let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let text = try String(contentsOfFile: "/" + path + "/Config/mlsgate.toml", encoding: .utf8)
        #expect(try Configuration(toml: text).bots.isEmpty)
        let uncommented = text.replacingOccurrences(of: "# [[bots]]\n# jid", with: "[[bots]]\njid")
            .replacingOccurrences(of: "# kind = \"echo\"", with: "kind = \"echo\"")
        let config = try Configuration(
            toml: uncommented, environment: ["MLSGATE_BOTS_STATE_KEY": String(repeating: "5a", count: 32)])
        #expect(config.bots.map(\.kind) == [.echo])
        let zero = #expect(throws: ConfigurationError.self) {
            try Configuration(toml: uncommented, environment: ["MLSGATE_BOTS_STATE_KEY": String(repeating: "0", count: 64)])
        }
        #expect(zero?.key == "[bots_state] key")
    }

    @Test func noBotsNeedNoKey() throws {
        let config = try Configuration(toml: Self.base)
        #expect(config.bots.isEmpty)
        #expect(config.botStateKey == nil)
    }

    @Test(arguments: [
        (
            "[[bots]]\njid = \"echo@other.example\"\nkind = \"echo\"", ConfigurationError.Code.invalidValue,
            "[[bots]] #1 jid"
        ),
        ("[[bots]]\njid = \"mls.localhost\"\nkind = \"echo\"", .invalidValue, "[[bots]] #1 jid"),
        ("[[bots]]\njid = \"echo@mls.localhost/r\"\nkind = \"echo\"", .invalidValue, "[[bots]] #1 jid"),
        ("[[bots]]\nkind = \"echo\"", .missingKey, "[[bots]] #1 jid"),
        ("[[bots]]\njid = \"echo@mls.localhost\"\nkind = \"parrot\"", .invalidValue, "[[bots]] #1 kind"),
        ("[[bots]]\njid = \"echo@mls.localhost\"", .missingKey, "[[bots]] #1 kind"),
        ("[[bots]]\njid = \"echo@mls.localhost\"\nkind = \"echo\"\nnick = \"e\"", .unknownKey, "[[bots]] #1 nick"),
        (
            "[[bots]]\njid = \"echo@mls.localhost\"\nkind = \"echo\"\n"
                + "[[bots]]\njid = \"echo@mls.localhost\"\nkind = \"echo\"",
            .invalidValue, "[[bots]] #2 jid"
        ),
        ("[bots_state]\nkey = \"short\"", .invalidValue, "[bots_state] key"),
        ("[bots_state]\nupdate_messages = 0", .invalidValue, "[bots_state] update_messages"),
    ])
    func invalidBotSettingsNameTheKey(toml: String, code: ConfigurationError.Code, key: String) {
        let text = Self.base + toml + (toml.contains("[bots_state]") ? "" : "\n[bots_state]\nkey = \"\(Self.key)\"")
        #expect(throws: ConfigurationError(code, key: key, "")) { try Configuration(toml: text) }
    }

    @Test func checkConfigNamesABadBotEntryWithItsLine() throws {
        let text = Self.base + "[bots_state]\nkey = \"\(Self.key)\"\n\n[[bots]]\njid = \"echo@mls.localhost\"\n"
            + "kind = \"echo\"\n\n[[bots]]\njid = \"two@mls.localhost\"\nkind = \"parrot\"\n"
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0 == "kind = \"parrot\""
        }) + 1
        let path = try CheckConfigTests.write(text)
        let report = CheckConfigCommand.report(path: path, environment: [:])
        let expected = "\(path):\(line): configuration error [invalid-value] [[bots]] #2 kind: "
        #expect(report == [expected + "'parrot' is not one of echo"])
    }

    @Test func botsWithoutAStateKeyAreRefused() {
        let text = Self.base + "[[bots]]\njid = \"echo@mls.localhost\"\nkind = \"echo\""
        #expect(throws: ConfigurationError(.missingKey, key: "[bots_state] key", "")) { try Configuration(toml: text) }
    }

    @Test func buildServicesRunsOneBotPerEntry() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mlsgate-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("mlsgate.sqlite").path
        let config = try Configuration(
            toml: Self.base + "[[bots]]\njid = \"echo@mls.localhost\"\nkind = \"echo\"",
            environment: ["MLSGATE_STORAGE_PATH": path, "MLSGATE_BOTS_STATE_KEY": Self.key]
        )
        let built = try buildServices(
            config: config,
            makeLogger: { Logger(label: $0, factory: { _ in SwiftLogNoOpLogHandler() }) }
        )
        #expect(built.services.count == 5)
        let runner = try #require(built.services.dropLast().last as? BotRunner)
        #expect(runner.jid.description == "echo@mls.localhost")
        try await runner.start()
        #expect(await runner.roomJIDs().isEmpty)
    }
}
