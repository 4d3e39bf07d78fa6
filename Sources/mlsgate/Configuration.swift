import DeliveryService
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
/// [admin]                      # Configuration+Admins.swift
/// jids = ["admin@example.org"] # may run the XEP-0050 commands; none by default (MLSGATE_ADMIN_JIDS=a,b)
///
/// [[bots]]                     # one entry per bot, none by default
/// jid = "echo@mls.example.org" # on the component domain
/// kind = "echo"
///
/// [[bridges]]                  # one entry per bridge, none by default (Configuration+Bridges.swift)
/// jid = "mirror@mls.example.org"
/// kind = "mirror"
/// rooms = { "secret@mls.example.org" = "plain@conference.example.org" }
///
/// [bots_state]
/// key = "..."                  # required with bots or bridges: 32 bytes as hex or base64 (MLSGATE_BOTS_STATE_KEY)
/// update_messages = 100        # a bot updates its leaf after this many room messages, default 100
/// update_interval = 86400      # or after this many seconds, default 86400
/// ```
///
/// The optional tables `[limits]` (stream parser bounds), `[keypackages]` (directory quotas and lifetimes) and
/// `[rooms]` (sequencer bounds), and the remaining `[component]` timings, are documented with their defaults in
/// `Config/mlsgate.toml`.
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
    /// The KeyPackage directory's quotas and bounds, from `[keypackages]`.
    var directory = DirectoryConfiguration()
    /// The room sequencer's bounds, from `[rooms]`.
    var sequencer = SequencerConfiguration()
    /// Where the Prometheus endpoint listens, from `[metrics] listen`; nil when it is off.
    var metricsListen: ListenAddress?
    /// The `[[bots]]` entries.
    var bots: [BotSettings] = []
    /// The `[[bridges]]` entries.
    var bridges: [BridgeSettings] = []
    /// The key sealing bot state, validated; `nil` without bots.
    var botStateKey: BotStateKey?
    /// When bots update their leaves.
    var botUpdateSchedule = BotUpdateSchedule()
    /// How many stanzas from the network may wait in one bridge's inbox (`[limits] max_bot_inbox_stanzas`).
    var botInboxLimit = 1_000
    /// The policy of a room when it is created, from `[room_policy]`.
    var roomPolicy = RoomPolicy()
    /// Occupants per room, rooms per user and the presence rate (`[rooms]`).
    var roomLimits = RoomLimits()
    /// The bare JIDs that may run the administration commands, from `[admin] jids`.
    var admins: Set<JID> = []

    private static let knownKeys: [String: Set<String>] = [
        "component": [
            "domain", "secret", "host", "port", "ping_interval", "ping_timeout",
            "connect_timeout", "handshake_timeout", "reconnect_max_delay", "outbound_queue",
        ],
        "limits": [
            "max_stanza_bytes", "max_xml_depth", "max_xml_attributes", "max_refused_stanza_bytes",
            "max_pending_per_sender", "max_pending_stanzas", "max_bot_inbox_stanzas",
        ],
        "keypackages": ["max_lifetime", "fetch_quota", "quota_window", "low_mark", "max_bytes", "max_per_publish"],
        "rooms": [
            "past_epochs", "max_payload_bytes", "max_history_page", "max_occupants", "max_rooms_per_user",
            "presence_burst", "presences_per_minute",
        ],
        "room_policy": ["membership_changes", "external_joins", "handshakes", "members_only", "idle_eviction_epochs"],
        "metrics": ["listen"],
        "storage": ["path"],
        "logging": ["level"],
        "admin": ["jids"],
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
            var syntax = ConfigurationError(
                .syntax,
                key: nil,
                "\(error.description) at line \(error.source.begin.line), column \(error.source.begin.column)"
            )
            syntax.documentLine = error.source.begin.line
            throw syntax
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
        limits.connectTimeout = .seconds(Int64(try reader.bounded("component", "connect_timeout", 10, 1...3_600)))
        limits.handshakeTimeout = .seconds(Int64(try reader.bounded("component", "handshake_timeout", 10, 1...3_600)))
        limits.reconnectMaximumDelay = .seconds(
            Int64(try reader.bounded("component", "reconnect_max_delay", 60, 1...86_400))
        )
        limits.outboundQueueCapacity = try reader.bounded("component", "outbound_queue", 1000, 0...1_000_000)
        limits.stream.maxStanzaBytes = try reader.bounded("limits", "max_stanza_bytes", 512 * 1024, 4_096...(64 << 20))
        limits.stream.maxDepth = try reader.bounded("limits", "max_xml_depth", 64, 8...1_024)
        limits.stream.maxAttributes = try reader.bounded("limits", "max_xml_attributes", 64, 8...1_024)
        limits.stream.maxRefusedStanzaBytes = try reader.bounded(
            "limits", "max_refused_stanza_bytes", max(1 << 20, limits.stream.maxStanzaBytes), 4_096...(256 << 20)
        )
        limits.maxPendingPerSender = try reader.bounded("limits", "max_pending_per_sender", 64, 1...100_000)
        limits.maxPendingStanzas = try reader.bounded("limits", "max_pending_stanzas", 2000, 1...1_000_000)
        self.botInboxLimit = try reader.bounded("limits", "max_bot_inbox_stanzas", 1_000, 1...1_000_000)
        guard limits.stream.maxRefusedStanzaBytes >= limits.stream.maxStanzaBytes else {
            throw ConfigurationError(
                .invalidValue,
                key: "[limits] max_refused_stanza_bytes",
                "\(limits.stream.maxRefusedStanzaBytes) must be at least [limits] max_stanza_bytes "
                    + "(\(limits.stream.maxStanzaBytes)): a stanza over that limit is read through to its end"
            )
        }

        var directory = DirectoryConfiguration()
        directory.maximumLifetime = UInt64(
            try reader.bounded("keypackages", "max_lifetime", 366 * 86_400, 3_600...(10 * 366 * 86_400))
        )
        directory.fetchQuota = try reader.bounded("keypackages", "fetch_quota", 10, 1...1_000_000)
        directory.quotaWindow = UInt64(try reader.bounded("keypackages", "quota_window", 3_600, 1...(366 * 86_400)))
        directory.lowMark = try reader.bounded("keypackages", "low_mark", 5, 0...10_000)
        directory.maximumKeyPackageBytes = try reader.bounded("keypackages", "max_bytes", 16 * 1024, 256...(1 << 20))
        directory.maximumPerPublish = try reader.bounded("keypackages", "max_per_publish", 100, 1...10_000)

        var sequencer = SequencerConfiguration()
        sequencer.pastEpochs = UInt64(try reader.bounded("rooms", "past_epochs", 3, 0...1_000))
        sequencer.maximumPayloadBytes = try reader.bounded("rooms", "max_payload_bytes", 192 * 1024, 1_024...(64 << 20))
        sequencer.maximumHistoryPage = try reader.bounded("rooms", "max_history_page", 100, 1...10_000)
        // A payload travels base64-encoded (4 bytes per 3) inside a stanza.
        let encodedPayload = (sequencer.maximumPayloadBytes + 2) / 3 * 4
        guard encodedPayload < limits.stream.maxStanzaBytes else {
            throw ConfigurationError(
                .invalidValue,
                key: "[rooms] max_payload_bytes",
                "\(sequencer.maximumPayloadBytes) bytes take \(encodedPayload) in base64, which must be below "
                    + "[limits] max_stanza_bytes (\(limits.stream.maxStanzaBytes)) since a payload travels in a stanza"
            )
        }

        var metricsListen: ListenAddress?
        if let listen = try reader.string("metrics", "listen"), !listen.isEmpty {
            guard let address = ListenAddress(listen) else {
                throw ConfigurationError(
                    .invalidValue,
                    key: "[metrics] listen",
                    "'\(listen)' is not host:port, such as 127.0.0.1:9464"
                )
            }
            metricsListen = address
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
        self.directory = directory
        self.sequencer = sequencer
        self.metricsListen = metricsListen
        self.bots = try Self.readBots(table, domain: domain)
        self.roomPolicy = try Self.readRoomPolicy(reader)
        self.roomLimits = RoomLimits(
            maxOccupants: try reader.bounded("rooms", "max_occupants", 1000, 1...1_000_000),
            maxRoomsPerUser: try reader.bounded("rooms", "max_rooms_per_user", 100, 1...1_000_000),
            presenceBurst: try reader.bounded("rooms", "presence_burst", 30, 1...100_000),
            presencesPerMinute: try reader.bounded("rooms", "presences_per_minute", 60, 1...1_000_000)
        )
        self.bridges = try Self.readBridges(table, domain: domain, bots: bots)
        self.admins = try Self.readAdmins(table, environment: environment)
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
                    .invalidValue, key: "[bots_state] key",
                    "must be 32 random bytes as 64 hex digits or as base64, not all zero; make one with "
                        + "`openssl rand -hex 32`")
            }
        } else if !bots.isEmpty || !bridges.isEmpty {
            throw ConfigurationError(
                .missingKey, key: "[bots_state] key",
                "bots and bridges need a key to seal their state: 32 random bytes as hex or base64, or "
                    + "MLSGATE_BOTS_STATE_KEY")
        }
    }

    /// Reads only `[storage] path` (environment first), for the operator commands that open the database: they
    /// need neither the component secret nor a valid connection setup.
    /// - Parameters:
    ///   - path: The TOML file.
    ///   - environment: The process environment, for `MLSGATE_STORAGE_PATH`.
    /// - Throws: ``ConfigurationError`` for an unreadable file, bad syntax, unknown keys or an invalid path.
    static func storagePath(configurationFile path: String, environment: [String: String] = [:])
        throws(ConfigurationError) -> String
    {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(.unreadable, key: nil, "cannot read \(path): \(error.localizedDescription)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            throw ConfigurationError(.syntax, key: nil, "\(error)")
        }
        let reader = try Reader(table: table, environment: environment, knownKeys: Self.knownKeys)
        let storagePath = try reader.string("storage", "path") ?? "mlsgate.sqlite"
        guard !storagePath.isEmpty else {
            throw ConfigurationError(.invalidValue, key: "[storage] path", "must not be empty")
        }
        return storagePath
    }

    /// Every table and key of a parsed document that this version does not know, in document order of tables.
    /// - Parameters:
    ///   - table: The parsed document.
    ///   - knownKeys: The keys each known table may hold.
    /// - Returns: One ``ConfigurationError`` with code `unknownKey` (or `invalidValue` for a table that is not one)
    ///   per offending table or key.
    static func unknownKeys(in table: TOMLTable, knownKeys: [String: Set<String>]) -> [ConfigurationError] {
        var errors: [ConfigurationError] = []
        // `[[bots]]` and `[[bridges]]` are arrays of tables, checked where they are read.
        for name in table.keys where name != "bots" && name != "bridges" {
            guard let keys = knownKeys[name] else {
                errors.append(
                    ConfigurationError(
                        .unknownKey,
                        key: "[\(name)]",
                        "unknown table; known tables are "
                            + knownKeys.keys.sorted().map { "[\($0)]" }.joined(separator: ", ")
                            + ", [[bots]], [[bridges]]"
                    )
                )
                continue
            }
            guard let section = table[name]?.table else {
                errors.append(ConfigurationError(.invalidValue, key: "[\(name)]", "must be a table"))
                continue
            }
            for key in section.keys where !keys.contains(key) {
                errors.append(
                    ConfigurationError(
                        .unknownKey,
                        key: "[\(name)] \(key)",
                        "unknown key; known keys are " + keys.sorted().joined(separator: ", ")
                    )
                )
            }
        }
        return errors
    }

    /// Every problem of a document that can be found at once: all unknown tables and keys, or else the first
    /// invalid or missing value. Empty when the document is valid.
    /// - Parameters:
    ///   - toml: The document.
    ///   - environment: The process environment, for `MLSGATE_*` overrides.
    /// - Returns: The problems, each naming its key.
    static func problems(in toml: String, environment: [String: String] = [:]) -> [ConfigurationError] {
        if let table = try? TOMLTable(string: toml) {
            let unknown = unknownKeys(in: table, knownKeys: Self.knownKeys)
            if !unknown.isEmpty { return unknown }
        }
        do {
            _ = try Configuration(toml: toml, environment: environment)
            return []
        } catch {
            return [error]
        }
    }

    /// Typed access to `[table] key` values, environment first.
    /// Reads `[room_policy]`, the policy of new rooms; the defaults are the shipped policy.
    private static func readRoomPolicy(_ reader: Reader) throws(ConfigurationError) -> RoomPolicy {
        var policy = RoomPolicy()
        let section = "room_policy"
        if let value = try reader.choice(section, "membership_changes", RoomPolicy.MembershipChanges.self) {
            policy.membershipChanges = value
        }
        if let value = try reader.choice(section, "handshakes", RoomPolicy.Handshakes.self) { policy.handshakes = value }
        policy.externalJoins = try reader.bool(section, "external_joins") ?? false
        policy.occupants = try reader.bool(section, "members_only") == true ? .membersOnly : .anyone
        policy.idleEvictionEpochs = UInt64(try reader.bounded(section, "idle_eviction_epochs", 0, 0...1_000_000))
        if let inconsistency = policy.inconsistency {
            throw ConfigurationError(.invalidValue, key: "[room_policy] handshakes", inconsistency)
        }
        return policy
    }

    private struct Reader {
        let table: TOMLTable
        let environment: [String: String]

        init(table: TOMLTable, environment: [String: String], knownKeys: [String: Set<String>])
            throws(ConfigurationError)
        {
            self.table = table
            self.environment = environment
            if let first = Configuration.unknownKeys(in: table, knownKeys: knownKeys).first { throw first }
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

        /// An optional integer within a range.
        /// - Parameters:
        ///   - section: The table.
        ///   - key: The key.
        ///   - defaultValue: The value when neither the file nor the environment sets it.
        ///   - range: The values accepted.
        func bounded(_ section: String, _ key: String, _ defaultValue: Int, _ range: ClosedRange<Int>)
            throws(ConfigurationError) -> Int
        {
            let value = try int(section, key) ?? defaultValue
            guard range.contains(value) else {
                throw ConfigurationError(
                    .invalidValue,
                    key: "[\(section)] \(key)",
                    "\(value) is outside \(range.lowerBound) to \(range.upperBound)"
                )
            }
            return value
        }

        /// An optional boolean; the environment says true, false, 1 or 0.
        func bool(_ section: String, _ key: String) throws(ConfigurationError) -> Bool? {
            if let override = override(section, key) {
                switch override.lowercased() {
                case "true", "1": return true
                case "false", "0": return false
                default:
                    throw ConfigurationError(
                        .invalidValue, key: "[\(section)] \(key)",
                        "MLSGATE_\(section.uppercased())_\(key.uppercased())='\(override)' is not true or false")
                }
            }
            guard let value = value(section, key) else { return nil }
            guard let bool = value.bool else {
                throw ConfigurationError(.invalidValue, key: "[\(section)] \(key)", "must be true or false")
            }
            return bool
        }

        /// An optional string that must be one of a set of names.
        func choice<T: RawRepresentable & CaseIterable>(_ section: String, _ key: String, _ type: T.Type)
            throws(ConfigurationError) -> T? where T.RawValue == String
        {
            guard let text = try string(section, key) else { return nil }
            guard let value = T(rawValue: text) else {
                let names = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                throw ConfigurationError(.invalidValue, key: "[\(section)] \(key)", "'\(text)' must be \(names)")
            }
            return value
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
