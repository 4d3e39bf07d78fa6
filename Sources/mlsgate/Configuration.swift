import Foundation
import Gateway
import Logging
import TOMLKit
import XMPP

/// MLSGate's validated configuration, read from a TOML file with `MLSGATE_*` environment overrides.
///
/// ```toml
/// [component]
/// domain = "mls.example.org"   # required: the component's domain on the XMPP server
/// secret = "..."               # required: the XEP-0114 shared secret
/// host = "127.0.0.1"           # default 127.0.0.1
/// port = 5347                  # default 5347
/// ping_interval = 60           # seconds between XEP-0199 pings to the server, default 60
/// ping_timeout = 20            # seconds an unanswered ping may wait before the link is rebuilt, default 20
///
/// [storage]
/// path = "mlsgate.sqlite"      # default mlsgate.sqlite
///
/// [logging]
/// level = "info"               # trace, debug, info, notice, warning, error, critical
///
/// [[bots]]                     # one entry per bot, none by default
/// jid = "echo@mls.example.org" # on the component domain
/// kind = "echo"
///
/// [bots_state]
/// key = "..."                  # required with bots: 32 bytes as hex or base64 (MLSGATE_BOTS_STATE_KEY)
/// update_messages = 100        # a bot updates its leaf after this many room messages, default 100
/// update_interval = 86400      # or after this many seconds, default 86400
/// ```
///
/// Each key can be overridden by `MLSGATE_<TABLE>_<KEY>` (for example `MLSGATE_COMPONENT_SECRET`), which wins over
/// the file. Unknown tables and keys are refused, so a typo is not silently ignored.
struct Configuration: Sendable {
    /// The XEP-0114 connection settings.
    var component: ComponentConfiguration
    /// Where the delivery service keeps its database.
    var storagePath: String
    /// The lowest level logged.
    var logLevel: Logger.Level
    /// The `[[bots]]` entries.
    var bots: [BotSettings] = []
    /// The key sealing bot state, validated; `nil` without bots.
    var botStateKey: BotStateKey?
    /// When bots update their leaves.
    var botUpdateSchedule = BotUpdateSchedule()

    private static let knownKeys: [String: Set<String>] = [
        "component": ["domain", "secret", "host", "port", "ping_interval", "ping_timeout"],
        "storage": ["path"],
        "logging": ["level"],
        "bots_state": ["key", "update_messages", "update_interval"],
    ]

    /// Reads and validates a configuration file.
    /// - Parameters:
    ///   - path: The TOML file.
    ///   - environment: The process environment, for `MLSGATE_*` overrides.
    /// - Throws: ``ConfigurationError`` naming the key to fix.
    static func load(path: String, environment: [String: String] = [:]) throws(ConfigurationError) -> Configuration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(.unreadable, key: nil, "cannot read \(path): \(error.localizedDescription)")
        }
        return try Configuration(toml: text, environment: environment)
    }

    /// Parses and validates TOML text.
    /// - Parameters:
    ///   - toml: The document.
    ///   - environment: The process environment, for `MLSGATE_*` overrides.
    /// - Throws: ``ConfigurationError`` naming the key to fix.
    init(toml: String, environment: [String: String] = [:]) throws(ConfigurationError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                .syntax,
                key: nil,
                "\(error.description) at line \(error.source.begin.line), column \(error.source.begin.column)"
            )
        } catch {
            throw ConfigurationError(.syntax, key: nil, "\(error)")
        }
        let reader = try Reader(table: table, environment: environment, knownKeys: Self.knownKeys)

        let domainText = try reader.string("component", "domain")
        guard let domainText else {
            throw ConfigurationError(
                .missingKey,
                key: "[component] domain",
                "set it to the component's domain as configured on the XMPP server, such as mls.example.org"
            )
        }
        let domain: JID
        do {
            domain = try JID(domainText)
        } catch {
            throw ConfigurationError(
                .invalidValue,
                key: "[component] domain",
                "'\(domainText)' is not a valid domain: \(error)"
            )
        }
        guard domain.localpart == nil, domain.resourcepart == nil else {
            throw ConfigurationError(
                .invalidValue,
                key: "[component] domain",
                "'\(domainText)' must be a bare domain such as mls.example.org, without '@' or '/'"
            )
        }
        guard let secret = try reader.string("component", "secret"), !secret.isEmpty else {
            throw ConfigurationError(
                .missingKey,
                key: "[component] secret",
                "set it to the component secret the XMPP server has for \(domain)"
            )
        }
        let host = try reader.string("component", "host") ?? "127.0.0.1"
        guard !host.isEmpty else {
            throw ConfigurationError(.invalidValue, key: "[component] host", "must not be empty")
        }
        let port = try reader.int("component", "port") ?? 5347
        guard (1...65535).contains(port) else {
            throw ConfigurationError(.invalidValue, key: "[component] port", "\(port) is not a TCP port (1 to 65535)")
        }
        var limits = ComponentLimits()
        for (key, defaultSeconds) in [("ping_interval", 60), ("ping_timeout", 20)] {
            let seconds = try reader.int("component", key) ?? defaultSeconds
            guard (1...86_400).contains(seconds) else {
                throw ConfigurationError(
                    .invalidValue,
                    key: "[component] \(key)",
                    "\(seconds) is not a number of seconds from 1 to 86400"
                )
            }
            if key == "ping_interval" {
                limits.pingInterval = .seconds(Int64(seconds))
            } else {
                limits.pingTimeout = .seconds(Int64(seconds))
            }
        }
        let storagePath = try reader.string("storage", "path") ?? "mlsgate.sqlite"
        guard !storagePath.isEmpty else {
            throw ConfigurationError(.invalidValue, key: "[storage] path", "must not be empty")
        }
        let levelText = try reader.string("logging", "level") ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(.invalidValue, key: "[logging] level", "'\(levelText)' is not one of \(names)")
        }

        self.component = ComponentConfiguration(domain: domain, secret: secret, host: host, port: port, limits: limits)
        self.storagePath = storagePath
        self.logLevel = level
        self.bots = try Self.readBots(table, domain: domain)
        let messages = try reader.int("bots_state", "update_messages") ?? 100
        let interval = try reader.int("bots_state", "update_interval") ?? 86_400
        guard messages > 0 else {
            throw ConfigurationError(.invalidValue, key: "[bots_state] update_messages", "must be a positive number")
        }
        guard interval > 0 else {
            throw ConfigurationError(.invalidValue, key: "[bots_state] update_interval", "must be a positive number")
        }
        self.botUpdateSchedule = BotUpdateSchedule(messages: messages, interval: TimeInterval(interval))
        if let keyText = try reader.string("bots_state", "key") {
            do {
                self.botStateKey = try BotStateKey(text: keyText)
            } catch {
                throw ConfigurationError(
                    .invalidValue, key: "[bots_state] key", "must be 32 bytes as 64 hex digits or as base64")
            }
        } else if !bots.isEmpty {
            throw ConfigurationError(
                .missingKey, key: "[bots_state] key",
                "bots need a key to seal their state: 32 random bytes as hex or base64, or MLSGATE_BOTS_STATE_KEY")
        }
    }

    /// Typed access to `[table] key` values, environment first.
    private struct Reader {
        let table: TOMLTable
        let environment: [String: String]

        init(table: TOMLTable, environment: [String: String], knownKeys: [String: Set<String>])
            throws(ConfigurationError)
        {
            self.table = table
            self.environment = environment
            for name in table.keys where name != "bots" {
                guard let keys = knownKeys[name] else {
                    throw ConfigurationError(
                        .unknownKey,
                        key: "[\(name)]",
                        "unknown table; known tables are "
                            + knownKeys.keys.sorted().map { "[\($0)]" }.joined(separator: ", ") + ", [[bots]]"
                    )
                }
                guard let section = table[name]?.table else {
                    throw ConfigurationError(.invalidValue, key: "[\(name)]", "must be a table")
                }
                for key in section.keys where !keys.contains(key) {
                    throw ConfigurationError(
                        .unknownKey,
                        key: "[\(name)] \(key)",
                        "unknown key; known keys are "
                            + keys.sorted().joined(separator: ", ")
                    )
                }
            }
        }

        private func override(_ section: String, _ key: String) -> String? {
            environment["MLSGATE_\(section.uppercased())_\(key.uppercased())"]
        }

        private func value(_ section: String, _ key: String) -> (any TOMLValueConvertible)? {
            table[section]?.table?[key]
        }

        func string(_ section: String, _ key: String) throws(ConfigurationError) -> String? {
            if let override = override(section, key) { return override }
            guard let value = value(section, key) else { return nil }
            guard let string = value.string else {
                throw ConfigurationError(.invalidValue, key: "[\(section)] \(key)", "must be a string in quotes")
            }
            return string
        }

        func int(_ section: String, _ key: String) throws(ConfigurationError) -> Int? {
            if let override = override(section, key) {
                guard let number = Int(override) else {
                    throw ConfigurationError(
                        .invalidValue,
                        key: "[\(section)] \(key)",
                        "MLSGATE_\(section.uppercased())_\(key.uppercased())='\(override)' is not an integer"
                    )
                }
                return number
            }
            guard let value = value(section, key) else { return nil }
            guard let number = value.int else {
                throw ConfigurationError(.invalidValue, key: "[\(section)] \(key)", "must be an integer")
            }
            return number
        }
    }
}
