import Foundation
import Testing

@testable import mlsgate

struct CheckConfigTests {
    static let repositoryRoot = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mlsgate-\(UUID().uuidString).toml")
            .path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theExampleConfigurationPasses() {
        #expect(CheckConfigCommand.report(path: Self.repositoryRoot + "/Config/mlsgate.toml", environment: [:]) == [])
    }

    @Test func everyUnknownKeyIsNamedWithItsLine() throws {
        let path = try Self.write(
            """
            # comment
            [component]
            domain = "mls.localhost"
            secrte = "x"

            [storag]
            path = "p"

            [logging]
              "levl" = "info"
            """
        )
        let report = CheckConfigCommand.report(path: path, environment: [:])
        #expect(report.count == 3)
        #expect(report[0].hasPrefix("\(path):4: ") && report[0].contains("[component] secrte"))
        #expect(report[1].hasPrefix("\(path):6: ") && report[1].contains("[storag]"))
        #expect(report[2].hasPrefix("\(path):10: ") && report[2].contains("[logging] levl"))
    }

    @Test func anInvalidValueIsNamedWithItsLine() throws {
        let path = try Self.write(
            "[component]\ndomain = \"mls.localhost\"\nsecret = \"x\"\n\n[logging]\nlevel = \"loud\"\n"
        )
        let report = CheckConfigCommand.report(path: path, environment: [:])
        #expect(report.count == 1)
        #expect(report.first?.hasPrefix("\(path):6: configuration error [invalid-value] [logging] level") == true)
    }

    @Test func aMissingKeyHasNoLineAndTheEnvironmentCanSupplyIt() throws {
        let path = try Self.write("[component]\ndomain = \"mls.localhost\"\n")
        let report = CheckConfigCommand.report(path: path, environment: [:])
        #expect(report == ["\(path): configuration error [missing-key] [component] secret: "
            + "set it to the component secret the XMPP server has for mls.localhost"])
        #expect(CheckConfigCommand.report(path: path, environment: ["MLSGATE_COMPONENT_SECRET": "s"]) == [])
    }

    @Test func syntaxErrorsCarryTheParsersLine() throws {
        let path = try Self.write("[component]\ndomain = \"mls.localhost\"\nsecret = \n")
        let report = CheckConfigCommand.report(path: path, environment: [:])
        #expect(report.count == 1)
        #expect(report.first?.hasPrefix("\(path):3: configuration error [toml-syntax]") == true)
    }

    @Test func anUnreadableFileIsReported() {
        let report = CheckConfigCommand.report(path: "/nonexistent/mlsgate.toml", environment: [:])
        #expect(report.count == 1)
        #expect(report.first?.contains("[unreadable-file]") == true)
    }

    @Test func theLocatorFindsTablesKeysAndDottedHeaders() {
        let locator = ConfigurationLocator(
            text: "a = 1\n[component]  # main\nport=5\n[ storage ]\n'path' = \"x\"\n[component.extra]\n"
        )
        #expect(locator.line(of: "[component]") == 2)
        #expect(locator.line(of: "[component] port") == 3)
        #expect(locator.line(of: "[storage]") == 4)
        #expect(locator.line(of: "[storage] path") == 5)
        #expect(locator.line(of: "[component] extra") == 6)
        #expect(locator.line(of: "[component] secret") == nil)
        #expect(locator.line(of: "[logging]") == nil)
    }
}
