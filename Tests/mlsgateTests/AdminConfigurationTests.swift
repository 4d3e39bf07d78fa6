import Foundation
import Gateway
import Logging
import Testing
import XMPP

@testable import mlsgate

struct AdminConfigurationTests {
    static let base = ConfigurationTests.minimal + "\n"

    @Test func adminsAreReadAsBareJIDs() throws {
        let config = try Configuration(
            toml: Self.base + "[admin]\njids = [\"admin@example.org\", \"Ops@Example.org\"]\n")
        #expect(config.admins == [try JID("admin@example.org"), try JID("ops@example.org")])
    }

    @Test func noAdminsByDefaultNorInTheExampleFile() throws {
        #expect(try Configuration(toml: Self.base).admins.isEmpty)
        #expect(try Configuration(toml: Self.base + "[admin]\njids = []\n").admins.isEmpty)
        let example = try Configuration.load(path: CheckConfigTests.repositoryRoot + "/Config/mlsgate.toml")
        #expect(example.admins.isEmpty)
    }

    @Test func theEnvironmentListWinsOverTheFile() throws {
        let toml = Self.base + "[admin]\njids = [\"admin@example.org\"]\n"
        let listed = try Configuration(
            toml: toml, environment: ["MLSGATE_ADMIN_JIDS": " a@example.org, b@example.org ,"])
        #expect(listed.admins == [try JID("a@example.org"), try JID("b@example.org")])
        #expect(try Configuration(toml: toml, environment: ["MLSGATE_ADMIN_JIDS": ""]).admins.isEmpty)
    }

    @Test(arguments: [
        ("[admin]\njids = \"admin@example.org\"", ConfigurationError.Code.invalidValue, "[admin] jids", "array"),
        ("[admin]\njids = [1]", .invalidValue, "[admin] jids", "entry 1 must be a JID in quotes"),
        ("[admin]\njids = [\"a@example.org\", \"a@example.org/phone\"]", .invalidValue, "[admin] jids", "entry 2"),
        ("[admin]\njids = [\"example.org\"]", .invalidValue, "[admin] jids", "bare JID with a local part"),
        ("[admin]\njids = [\"@@\"]", .invalidValue, "[admin] jids", "entry 1 '@@'"),
        ("[admin]\njids = [\"a@example.org\", \"A@example.org\"]", .invalidValue, "[admin] jids", "listed twice"),
        ("[admin]\njid = [\"a@example.org\"]", .unknownKey, "[admin] jid", "known keys are jids"),
    ])
    func invalidAdminSettingsNameTheKey(toml: String, code: ConfigurationError.Code, key: String, message: String) {
        let error = #expect(throws: ConfigurationError(code, key: key, "")) {
            try Configuration(toml: Self.base + toml)
        }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func aBadEnvironmentEntryNamesTheVariable() {
        let error = #expect(throws: ConfigurationError(.invalidValue, key: "[admin] jids", "")) {
            try Configuration(toml: Self.base, environment: ["MLSGATE_ADMIN_JIDS": "a@example.org,b@example.org/x"])
        }
        #expect(error?.message.contains("MLSGATE_ADMIN_JIDS 'b@example.org/x'") == true)
    }

    @Test func checkConfigPointsAtTheLineOfTheAdmins() throws {
        let path = try CheckConfigTests.write(Self.base + "\n[admin]\n# who\njids = [\"admin@example.org/x\"]\n")
        let report = CheckConfigCommand.report(path: path, environment: [:])
        #expect(report.count == 1)
        #expect(report.first?.hasPrefix("\(path):7: configuration error [invalid-value] [admin] jids") == true)
    }

    @Test func theBuiltRouterOffersTheCommandsToAdminsAndListsTheBotsAndBridges() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mlsgate-\(UUID().uuidString)")
        let config = try Configuration(
            toml: Self.base + "[admin]\njids = [\"admin@example.org\"]\n"
                + "[[bots]]\njid = \"echo@mls.localhost\"\nkind = \"echo\"\n"
                + "[[bridges]]\njid = \"mirror@mls.localhost\"\nkind = \"mirror\"\n"
                + "rooms = { \"secret@mls.localhost\" = \"plain@muc.localhost\" }\n",
            environment: [
                "MLSGATE_STORAGE_PATH": directory.appendingPathComponent("mlsgate.sqlite").path,
                "MLSGATE_BOTS_STATE_KEY": BotConfigurationTests.key,
            ]
        )
        let built = try buildServices(
            config: config, makeLogger: { Logger(label: $0, factory: { _ in SwiftLogNoOpLogHandler() }) })
        #expect(built.router.features.contains(AdHocCommand.namespace))

        func items(from: String) async throws -> [XMLElement] {
            let query = XMLElement(
                name: "query", namespace: XMPPNamespace.discoItems,
                attributes: [XMLAttribute(name: "node", value: AdHocCommand.namespace)])
            let request = IQ(type: .get, id: "d", from: try JID(from), to: config.component.domain, payload: query)
            let reply = try IQ(element: try #require(await built.router.route(request.element).first))
            return reply.payload?.elements ?? []
        }
        #expect(try await items(from: "admin@example.org/desk").count == AdminCommand.allCases.count)
        #expect(try await items(from: "someone@example.org/desk").isEmpty)

        let execute = IQ(
            type: .set, id: "b", from: try JID("admin@example.org/desk"), to: config.component.domain,
            payload: AdHocCommand(node: AdminCommand.listBots.node).element)
        let reply = try IQ(element: try #require(await built.router.route(execute.element).first))
        let answer = try AdHocCommand(try #require(reply.payload))
        #expect(
            answer.form?.items.map { $0.map(\.values) } == [
                [["echo@mls.localhost"], ["echo"], []], [["mirror@mls.localhost"], ["mirror"], []],
            ])
    }
}
