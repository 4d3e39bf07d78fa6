import ArgumentParser
import DeliveryService
import Foundation

/// The `--config PATH` option of the operator commands that read the database, and the opening of it.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the TOML configuration file; only [storage] path is read.")
    var config: String

    /// Opens the database the configuration names, refusing to create one that does not exist.
    /// - Throws: `ExitCode` 78 after printing the problem when the configuration or the database cannot be read.
    func openStore() throws -> DeliveryStore {
        let path: String
        do {
            path = try Configuration.storagePath(
                configurationFile: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("mlsgate: \(error)\n".utf8))
            throw ExitCode(RunCommand.configurationExitCode)
        }
        do {
            return try Self.openExisting(path: path)
        } catch {
            FileHandle.standardError.write(Data("mlsgate: [storage] path: \(error)\n".utf8))
            throw ExitCode(RunCommand.configurationExitCode)
        }
    }

    /// Opens an existing database.
    /// - Parameter path: The SQLite file.
    /// - Throws: `StoreError` `.openFailed` when there is no file at `path` or it cannot be opened.
    static func openExisting(path: String) throws(StoreError) -> DeliveryStore {
        try DeliveryStore.existing(path: path)
    }

    /// The output of a listing command: a header and one tab-separated line per row.
    static func table(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.joined(separator: "\t") + "\n" }.joined()
    }

    /// An ISO 8601 UTC time, or `-`.
    static func timestamp(_ date: Date?) -> String {
        guard let date else { return "-" }
        return date.formatted(.iso8601)
    }
}
