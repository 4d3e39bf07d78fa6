import DeliveryService

/// Every key of the configuration's tables, each with its default and range, in the order of `Config/mlsgate.toml`.
///
/// Defaults that a library type already holds (such as ``RoomPolicy``) are taken from it; the others are the
/// library defaults as well, which `ConfigurationLimitsTests` checks.
extension ConfigurationKey {
    static let componentDomain = string("component", "domain", required: true, example: "mls.localhost")
    static let componentSecret = string("component", "secret", required: true, example: "change-me")
    static let componentHost = string("component", "host", default: "127.0.0.1")
    static let componentPort = integer("component", "port", default: 5347, 1...65_535, message: .tcpPort)
    static let pingInterval = integer("component", "ping_interval", default: 60, 1...86_400, message: .seconds)
    static let pingTimeout = integer("component", "ping_timeout", default: 20, 1...86_400, message: .seconds)
    static let connectTimeout = integer("component", "connect_timeout", default: 10, 1...3_600)
    static let handshakeTimeout = integer("component", "handshake_timeout", default: 10, 1...3_600)
    static let reconnectMaxDelay = integer("component", "reconnect_max_delay", default: 60, 1...86_400)
    static let outboundQueue = integer("component", "outbound_queue", default: 1_000, 0...1_000_000)

    static let maxStanzaBytes = integer("limits", "max_stanza_bytes", default: 512 * 1024, 4_096...(64 << 20))
    static let maxXMLDepth = integer("limits", "max_xml_depth", default: 64, 8...1_024)
    static let maxXMLAttributes = integer("limits", "max_xml_attributes", default: 64, 8...1_024)
    /// The default is the larger of this and `max_stanza_bytes`.
    static let maxRefusedStanzaBytes = integer(
        "limits", "max_refused_stanza_bytes", default: 1 << 20, 4_096...(256 << 20))
    static let maxPendingPerSender = integer("limits", "max_pending_per_sender", default: 64, 1...100_000)
    static let maxPendingStanzas = integer("limits", "max_pending_stanzas", default: 2_000, 1...1_000_000)
    static let maxBotInboxStanzas = integer("limits", "max_bot_inbox_stanzas", default: 1_000, 1...1_000_000)

    static let keyPackageMaxLifetime = integer(
        "keypackages", "max_lifetime", default: 366 * 86_400, 3_600...(10 * 366 * 86_400))
    static let fetchQuota = integer("keypackages", "fetch_quota", default: 10, 1...1_000_000)
    static let quotaWindow = integer("keypackages", "quota_window", default: 3_600, 1...(366 * 86_400))
    static let lowMark = integer("keypackages", "low_mark", default: 5, 0...10_000)
    static let keyPackageMaxBytes = integer("keypackages", "max_bytes", default: 16 * 1024, 256...(1 << 20))
    static let maxPerPublish = integer("keypackages", "max_per_publish", default: 100, 1...10_000)

    static let pastEpochs = integer("rooms", "past_epochs", default: 3, 0...1_000)
    static let maxPayloadBytes = integer("rooms", "max_payload_bytes", default: 192 * 1024, 1_024...(64 << 20))
    static let maxHistoryPage = integer("rooms", "max_history_page", default: 100, 1...10_000)
    static let maxOccupants = integer("rooms", "max_occupants", default: 1_000, 1...1_000_000)
    static let maxRoomsPerUser = integer("rooms", "max_rooms_per_user", default: 100, 1...1_000_000)
    static let presenceBurst = integer("rooms", "presence_burst", default: 30, 1...100_000)
    static let presencesPerMinute = integer("rooms", "presences_per_minute", default: 60, 1...1_000_000)

    static let membershipChanges = string(
        "room_policy", "membership_changes", default: RoomPolicy().membershipChanges.rawValue)
    static let externalJoins = bool("room_policy", "external_joins", default: RoomPolicy().externalJoins)
    static let handshakes = string("room_policy", "handshakes", default: RoomPolicy().handshakes.rawValue)
    static let membersOnly = bool("room_policy", "members_only", default: RoomPolicy().occupants == .membersOnly)
    static let idleEvictionEpochs = integer(
        "room_policy", "idle_eviction_epochs", default: Int(RoomPolicy().idleEvictionEpochs), 0...1_000_000)

    static let storagePath = string("storage", "path", default: "mlsgate.sqlite", example: "data/mlsgate.sqlite")
    static let storageSynchronous = string("storage", "synchronous", default: SynchronousMode.full.rawValue)
    static let metricsListen = string("metrics", "listen", example: "127.0.0.1:9464")
    static let logLevel = string("logging", "level", default: "info")
    static let adminJIDs = strings("admin", "jids", default: [])

    static let botStateKey = string("bots_state", "key", example: "<64 hex digits from openssl rand -hex 32>")
    static let botUpdateMessages = integer(
        "bots_state", "update_messages", default: 100, 1...Int.max, message: .positive)
    static let botUpdateInterval = integer(
        "bots_state", "update_interval", default: 86_400, 1...Int.max, message: .positive)

    /// Every key, in the order of `Config/mlsgate.toml`.
    static let all: [ConfigurationKey] = [
        componentDomain, componentSecret, componentHost, componentPort, pingInterval, pingTimeout, connectTimeout,
        handshakeTimeout, reconnectMaxDelay, outboundQueue,
        maxStanzaBytes, maxXMLDepth, maxXMLAttributes, maxRefusedStanzaBytes, maxPendingPerSender, maxPendingStanzas,
        maxBotInboxStanzas,
        keyPackageMaxLifetime, fetchQuota, quotaWindow, lowMark, keyPackageMaxBytes, maxPerPublish,
        pastEpochs, maxPayloadBytes, maxHistoryPage, maxOccupants, maxRoomsPerUser, presenceBurst, presencesPerMinute,
        membershipChanges, externalJoins, handshakes, membersOnly, idleEvictionEpochs,
        storagePath, storageSynchronous, metricsListen, logLevel, adminJIDs,
        botStateKey, botUpdateMessages, botUpdateInterval,
    ]

    static let botJID = entry("bots", "jid", example: .string("echo@mls.localhost"))
    static let botKind = entry("bots", "kind", example: .string("echo"))

    static let bridgeJID = entry("bridges", "jid", example: .string("mirror@mls.localhost"))
    static let bridgeKind = entry("bridges", "kind", example: .string("mirror"))
    /// The bridge JID's localpart by default.
    static let bridgeNick = entry("bridges", "nick", required: false, example: .string("mirror"))
    static let bridgeRooms = entry(
        "bridges", "rooms", example: .stringTable(["secret@mls.localhost": "secret-plain@muc.localhost"]))

    /// The keys of each entry of the `[[bots]]` and `[[bridges]]` arrays of tables, in the order of
    /// `Config/mlsgate.toml`.
    static let entryKeys: [ConfigurationKey] = [botJID, botKind, bridgeJID, bridgeKind, bridgeNick, bridgeRooms]

    /// The keys each known table may hold, derived from ``all``.
    static let knownKeys: [String: Set<String>] = Dictionary(grouping: all, by: \.table).mapValues {
        Set($0.map(\.name))
    }

    /// The keys each entry of a known array of tables may hold, derived from ``entryKeys``.
    static let knownEntryKeys: [String: Set<String>] = Dictionary(grouping: entryKeys, by: \.table).mapValues {
        Set($0.map(\.name))
    }
}
