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
/// synchronous = "full"         # "full" (each commit synced to the disk) or "normal"; default full
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
/// Each key is declared once, with its default and range, in ``ConfigurationKey/all`` (ConfigurationKey+Catalog.swift),
/// the keys of the `[[bots]]` and `[[bridges]]` entries in ``ConfigurationKey/entryKeys``, and read table by table
/// (Configuration+Component.swift, Configuration+Rooms.swift and the others). Each table key can be overridden by
/// `MLSGATE_<TABLE>_<KEY>` (for example `MLSGATE_COMPONENT_SECRET`), which wins over the file. Unknown tables and keys
/// are refused, so a typo is not silently ignored.
struct Configuration: Sendable {
    /// The XEP-0114 connection settings.
    var component: ComponentConfiguration
    /// Where the delivery service keeps its database.
    var storagePath: String
    /// When the database's commits reach the disk, from `[storage] synchronous`.
    var storageSynchronous: SynchronousMode
    /// The lowest level logged.
    var logLevel: Logger.Level
    /// The KeyPackage directory's quotas and bounds, from `[keypackages]`.
    var directory: DirectoryConfiguration
    /// The room sequencer's bounds, from `[rooms]`.
    var sequencer: SequencerConfiguration
    /// Where the Prometheus endpoint listens, from `[metrics] listen`; nil when it is off.
    var metricsListen: ListenAddress?
    /// The `[[bots]]` entries.
    var bots: [BotSettings]
    /// The `[[bridges]]` entries.
    var bridges: [BridgeSettings]
    /// The key sealing bot state, validated; `nil` without bots.
    var botStateKey: BotStateKey?
    /// When bots update their leaves.
    var botUpdateSchedule: BotUpdateSchedule
    /// How many stanzas from the network may wait in one bridge's inbox (`[limits] max_bot_inbox_stanzas`).
    var botInboxLimit: Int
    /// The policy of a room when it is created, from `[room_policy]`.
    var roomPolicy: RoomPolicy
    /// Occupants per room, rooms per user and the presence rate (`[rooms]`).
    var roomLimits: RoomLimits
    /// The bare JIDs that may run the administration commands, from `[admin] jids`.
    var admins: Set<JID>

    /// Reads and validates a configuration file.
    /// - Parameters:
    ///   - path: The TOML file.
    ///   - environment: The process environment, for `MLSGATE_*` overrides.
    /// - Throws: ``ConfigurationError`` naming the key to fix.
    static func load(path: String, environment: [String: String] = [:]) throws(ConfigurationError) -> Configuration {
        let document = try ConfigurationDocument(text: ConfigurationDocument.readText(path: path))
        return try Configuration(document: document, environment: environment)
    }

    /// Parses and validates TOML text.
    /// - Parameters:
    ///   - toml: The document.
    ///   - environment: The process environment, for `MLSGATE_*` overrides.
    /// - Throws: ``ConfigurationError`` naming the key to fix.
    init(toml: String, environment: [String: String] = [:]) throws(ConfigurationError) {
        try self.init(document: ConfigurationDocument(text: toml), environment: environment)
    }

    /// Validates a parsed document, table by table, in the order its keys' errors are reported.
    /// - Parameters:
    ///   - document: The parsed document.
    ///   - environment: The process environment, for `MLSGATE_*` overrides.
    /// - Throws: ``ConfigurationError`` naming the key to fix.
    init(document: ConfigurationDocument, environment: [String: String] = [:]) throws(ConfigurationError) {
        let table = document.table
        let reader = try ConfigurationReader(table: table, environment: environment)
        self.component = try Self.readComponent(reader)
        self.botInboxLimit = try reader.integer(.maxBotInboxStanzas)
        try Self.checkStreamLimits(component.limits.stream)
        self.directory = try Self.readDirectory(reader)
        self.sequencer = try Self.readSequencer(reader, maxStanzaBytes: component.limits.stream.maxStanzaBytes)
        self.metricsListen = try Self.readMetricsListen(reader)
        self.storagePath = try Self.readStoragePath(reader)
        self.storageSynchronous = try reader.choice(.storageSynchronous, SynchronousMode.self)
        self.logLevel = try Self.readLogLevel(reader)
        let domain = component.domain
        self.bots = try Self.readBots(table, domain: domain)
        self.roomPolicy = try Self.readRoomPolicy(reader)
        self.roomLimits = try Self.readRoomLimits(reader)
        self.bridges = try Self.readBridges(table, domain: domain, bots: bots)
        self.admins = try Self.readAdmins(table, environment: environment)
        self.botUpdateSchedule = try Self.readBotUpdateSchedule(reader)
        self.botStateKey = try Self.readBotStateKey(reader, needed: !bots.isEmpty || !bridges.isEmpty)
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
        let document = try ConfigurationDocument(
            text: ConfigurationDocument.readText(path: path), locatingSyntaxErrors: false)
        return try readStoragePath(ConfigurationReader(table: document.table, environment: environment))
    }

    /// Every problem of a document that can be found at once: all unknown tables and keys, or else the first
    /// invalid or missing value. Empty when the document is valid.
    /// - Parameters:
    ///   - document: The parsed document.
    ///   - environment: The process environment, for `MLSGATE_*` overrides.
    /// - Returns: The problems, each naming its key.
    static func problems(in document: ConfigurationDocument, environment: [String: String] = [:])
        -> [ConfigurationError]
    {
        let unknown = ConfigurationReader.unknownKeys(in: document.table)
        if !unknown.isEmpty { return unknown }
        do {
            _ = try Configuration(document: document, environment: environment)
            return []
        } catch {
            return [error]
        }
    }

    /// Reads `[metrics] listen`; nil, the endpoint off, when it is absent or empty.
    private static func readMetricsListen(_ reader: ConfigurationReader) throws(ConfigurationError) -> ListenAddress? {
        guard let listen = try reader.string(.metricsListen), !listen.isEmpty else { return nil }
        guard let address = ListenAddress(listen) else {
            throw ConfigurationError(
                .invalidValue,
                key: ConfigurationKey.metricsListen.displayName,
                "'\(listen)' is not host:port, such as 127.0.0.1:9464"
            )
        }
        return address
    }

    /// Reads `[storage] path`, which must not be empty.
    private static func readStoragePath(_ reader: ConfigurationReader) throws(ConfigurationError) -> String {
        let storagePath = try reader.string(.storagePath) ?? ""
        guard !storagePath.isEmpty else {
            throw ConfigurationError(.invalidValue, key: ConfigurationKey.storagePath.displayName, "must not be empty")
        }
        return storagePath
    }

    /// Reads `[logging] level`, in any case.
    private static func readLogLevel(_ reader: ConfigurationReader) throws(ConfigurationError) -> Logger.Level {
        let levelText = try reader.string(.logLevel) ?? ""
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(
                .invalidValue, key: ConfigurationKey.logLevel.displayName, "'\(levelText)' is not one of \(names)")
        }
        return level
    }
}
