import ArgumentParser
import Foundation

/// `mlsgate check-config PATH`: validates a configuration file without connecting to anything.
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration file and name each wrong key with its line.",
        discussion: """
            Reads the TOML file with the same rules as `mlsgate run`, including the MLSGATE_<TABLE>_<KEY> \
            environment overrides. Prints `OK` and exits 0 when the file is valid. Otherwise prints one \
            `PATH:LINE: configuration error [code] [table] key: message` line per problem (all unknown tables \
            and keys at once, else the first invalid or missing value; LINE is left out when the key is not in \
            the file) and exits 78.
            """
    )

    @Argument(help: "Path of the TOML configuration file.")
    var path: String

    func run() async throws {
        let report = Self.report(path: path, environment: ProcessInfo.processInfo.environment)
        if report.isEmpty {
            print("OK")
            return
        }
        for line in report {
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
        throw ExitCode(RunCommand.configurationExitCode)
    }

    /// The problems of a configuration file, one printable line each, ordered by line; empty when it is valid.
    /// - Parameters:
    ///   - path: The TOML file.
    ///   - environment: The process environment, for `MLSGATE_*` overrides.
    static func report(path: String, environment: [String: String]) -> [String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            return ["\(path): \(ConfigurationError(.unreadable, key: nil, error.localizedDescription))"]
        }
        let locator = ConfigurationLocator(text: text)
        let problems: [ConfigurationError]
        do {
            problems = Configuration.problems(in: try ConfigurationDocument(text: text), environment: environment)
        } catch {
            problems = [error]
        }
        let located = problems.map { error in
            (line: error.documentLine ?? error.key.flatMap(locator.line(of:)), error: error)
        }
        return located.sorted { ($0.line ?? 0) < ($1.line ?? 0) }.map { item in
            "\(path)\(item.line.map { ":\($0)" } ?? ""): \(item.error)"
        }
    }
}
