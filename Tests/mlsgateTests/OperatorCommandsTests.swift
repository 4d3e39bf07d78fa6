import ArgumentParser
import DeliveryService
import Foundation
import Testing
import XMPP

@testable import mlsgate

struct OperatorCommandsTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mlsgate-\(UUID().uuidString)-\(name)").path
    }

    @Test func theStoragePathIsReadWithoutTheSecret() throws {
        let file = Self.temporaryPath("config.toml")
        try "[storage]\npath = \"/var/lib/mlsgate/db.sqlite\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try Configuration.storagePath(configurationFile: file) == "/var/lib/mlsgate/db.sqlite")
        #expect(
            try Configuration.storagePath(configurationFile: file, environment: ["MLSGATE_STORAGE_PATH": "/x.sqlite"])
                == "/x.sqlite")
        try "[storage]\npaht = \"x\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError(.unknownKey, key: "[storage] paht", "")) {
            try Configuration.storagePath(configurationFile: file)
        }
    }

    @Test func aMissingDatabaseIsNotCreated() {
        let path = Self.temporaryPath("absent.sqlite")
        #expect(throws: StoreError(code: .openFailed, message: "")) {
            try DatabaseOptions.openExisting(path: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func roomsAreListedAndShownFromTheDatabase() throws {
        let path = Self.temporaryPath("rooms.sqlite")
        let sequencer = RoomSequencer(store: try DeliveryStore(path: path))
        _ = try sequencer.openRoom(try JID("lobby@mls.localhost"))

        let store = try DatabaseOptions.openExisting(path: path)
        #expect(
            RoomsCommand.table(try store.roomSummaries())
                == "ROOM\tEPOCH\tCOMMITS\tMESSAGES\tLAST_ACCEPTED\nlobby@mls.localhost\t0\t0\t0\t-\n")
        let summary = RoomSummary(
            jid: "lobby@mls.localhost", groupID: [0xab, 0x01], epoch: 4, groupInfoBytes: 900, commits: 4,
            proposals: 1, applicationMessages: 12, senders: 3, lastAcceptedAt: Date(timeIntervalSince1970: 0))
        let details = RoomsCommand.details(summary)
        #expect(details.contains("group_id: ab01\n"))
        #expect(details.contains("epoch: 4\n"))
        #expect(details.contains("application_messages: 12\n"))
        #expect(details.contains("last_accepted: 1970-01-01T00:00:00Z\n"))
    }

    @Test func keyPackageStockIsOneLinePerOwner() {
        let text = KeyPackagesCommand.table([
            OwnerStock(owner: "alice@localhost", ordinary: 3, lastResort: 1, expired: 2, nextExpiry: nil)
        ])
        #expect(text == "OWNER\tORDINARY\tLAST_RESORT\tEXPIRED\tNEXT_EXPIRY\nalice@localhost\t3\t1\t2\t-\n")
    }

    @Test func subcommandsParseTheirArgumentsAndHaveHelp() throws {
        let show = try MLSGateCommand.parseAsRoot(["rooms", "show", "lobby@mls.localhost", "--config", "c.toml"])
        let parsed = try #require(show as? RoomsCommand.Show)
        #expect(parsed.room == "lobby@mls.localhost")
        #expect(parsed.database.config == "c.toml")
        let stock = try #require(
            try MLSGateCommand.parseAsRoot(["keypackages", "--config", "c.toml", "bob@localhost"])
                as? KeyPackagesCommand)
        #expect(stock.jid == "bob@localhost")
        #expect(try MLSGateCommand.parseAsRoot(["rooms", "list", "--config", "c.toml"]) is RoomsCommand.List)
        #expect(try MLSGateCommand.parseAsRoot(["check-config", "x.toml"]) is CheckConfigCommand)
        for path in [["rooms"], ["rooms", "list"], ["rooms", "show"], ["keypackages"], ["check-config"]] {
            let help = MLSGateCommand.helpMessage(for: try #require(Self.command(path)))
            #expect(help.contains("USAGE"), "\(path)")
        }
        #expect(MLSGateCommand.helpMessage(for: RoomsCommand.Show.self).contains("--config"))
    }

    static func command(_ path: [String]) -> ParsableCommand.Type? {
        var current: ParsableCommand.Type = MLSGateCommand.self
        for name in path {
            let next = current.configuration.subcommands.first {
                ($0.configuration.commandName ?? String(describing: $0).lowercased()) == name
            }
            guard let next else {
                return nil
            }
            current = next
        }
        return current
    }
}
