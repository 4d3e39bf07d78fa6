import Foundation
import Gateway
import TOMLKit
import XMPP

/// One `[[bridges]]` entry.
struct BridgeSettings: Sendable, Hashable {
    /// The bridge's bare JID on the component domain: its bot member's identity and its address elsewhere.
    var jid: JID
    /// What it does.
    var kind: BridgeKind
    /// Its nick in the plaintext rooms.
    var nick: String
    /// Which plaintext room mirrors which encrypted room.
    var routes: MirrorRoutes
}

extension Configuration {
    /// The keys of a `[[bridges]]` entry.
    static let bridgeKeys: Set<String> = ["jid", "kind", "nick", "rooms"]

    /// Reads the `[[bridges]]` array of tables:
    ///
    /// ```toml
    /// [[bridges]]
    /// jid = "mirror@mls.example.org"       # on the component domain, not a bot's
    /// kind = "mirror"
    /// nick = "mirror"                      # optional; the localpart by default
    /// rooms = { "secret@mls.example.org" = "plain@conference.example.org" }
    /// ```
    ///
    /// `rooms` may also be written as a `[bridges.rooms]` table under the entry, one room a line.
    /// - Parameters:
    ///   - table: The document.
    ///   - domain: The component domain.
    ///   - bots: The `[[bots]]` entries, whose JIDs no bridge or encrypted room may take.
    /// - Throws: ``ConfigurationError`` naming the entry and key to fix.
    static func readBridges(
        _ table: TOMLTable,
        domain: JID,
        bots: [BotSettings]
    ) throws(ConfigurationError)
        -> [BridgeSettings]
    {
        guard let value = table["bridges"] else { return [] }
        guard let array = value.array else {
            throw ConfigurationError(.invalidValue, key: "[[bridges]]", "must be an array of tables, each [[bridges]]")
        }
        let reserved = Set(bots.map(\.jid))
        var bridges: [BridgeSettings] = []
        for (index, element) in array.enumerated() {
            let entry = "[[bridges]] #\(index + 1)"
            guard let bridge = element.table else {
                throw ConfigurationError(.invalidValue, key: entry, "must be a table with jid, kind and rooms")
            }
            for key in bridge.keys.sorted() where !bridgeKeys.contains(key) {
                throw ConfigurationError(
                    .unknownKey,
                    key: "\(entry) \(key)",
                    "unknown key; known keys are jid, kind, nick, rooms"
                )
            }
            let jid = try bridgeJID(bridge, entry: entry, domain: domain)
            guard !reserved.contains(jid), !bridges.contains(where: { $0.jid == jid }) else {
                throw ConfigurationError(
                    .invalidValue,
                    key: "\(entry) jid",
                    "\(jid) is already taken by another bot or bridge"
                )
            }
            if let other = bridges.first(where: { $0.routes.plaintext(for: jid) != nil }) {
                throw ConfigurationError(
                    .invalidValue, key: "\(entry) jid", "\(jid) is a room that \(other.jid) mirrors, not a free JID")
            }
            guard let kindText = bridge["kind"]?.string else {
                throw ConfigurationError(.missingKey, key: "\(entry) kind", "set it to one of \(knownBridgeKinds)")
            }
            guard let kind = BridgeKind(rawValue: kindText) else {
                throw ConfigurationError(
                    .invalidValue,
                    key: "\(entry) kind",
                    "'\(kindText)' is not one of \(knownBridgeKinds)"
                )
            }
            let nick = try bridgeNick(bridge, entry: entry, jid: jid)
            let routes = try bridgeRoutes(bridge, entry: entry, domain: domain)
            try checkBridgeRooms(routes, entry: entry, jid: jid, reserved: reserved, bridges: bridges)
            bridges.append(BridgeSettings(jid: jid, kind: kind, nick: nick, routes: routes))
        }
        return bridges
    }

    /// Checks that a bridge's rooms are rooms, and that no other bridge maps the same encrypted or plaintext room.
    /// - Parameters:
    ///   - routes: The entry's rooms.
    ///   - entry: The entry, as errors name it.
    ///   - jid: The entry's JID.
    ///   - reserved: The bots' JIDs.
    ///   - bridges: The entries before this one.
    private static func checkBridgeRooms(
        _ routes: MirrorRoutes, entry: String, jid: JID, reserved: Set<JID>, bridges: [BridgeSettings]
    ) throws(ConfigurationError) {
        for room in routes.encryptedRooms {
            if reserved.contains(room) || room == jid || bridges.contains(where: { $0.jid == room }) {
                throw ConfigurationError(
                    .invalidValue,
                    key: "\(entry) rooms",
                    "\(room) is a bot's or bridge's JID, not a room"
                )
            }
            if let other = bridges.first(where: { $0.routes.plaintext(for: room) != nil }) {
                throw ConfigurationError(
                    .invalidValue,
                    key: "\(entry) rooms",
                    "the encrypted room \(room) is mapped by \(other.jid) too"
                )
            }
        }
        for room in routes.plaintextRooms {
            if let other = bridges.first(where: { $0.routes.encrypted(for: room) != nil }) {
                throw ConfigurationError(
                    .invalidValue,
                    key: "\(entry) rooms",
                    "the plaintext room \(room) is mapped by \(other.jid) too"
                )
            }
        }
    }

    private static func bridgeJID(_ bridge: TOMLTable, entry: String, domain: JID) throws(ConfigurationError) -> JID {
        guard let text = bridge["jid"]?.string else {
            throw ConfigurationError(
                .missingKey,
                key: "\(entry) jid",
                "set it to the bridge's JID, such as mirror@\(domain), in quotes"
            )
        }
        guard let jid = try? JID(text), jid.localpart != nil, jid.resourcepart == nil,
            jid.domainpart == domain.domainpart
        else {
            throw ConfigurationError(
                .invalidValue,
                key: "\(entry) jid",
                "'\(text)' must be a bare JID on the component domain, such as mirror@\(domain)"
            )
        }
        return jid
    }

    private static func bridgeNick(_ bridge: TOMLTable, entry: String, jid: JID) throws(ConfigurationError) -> String {
        guard let value = bridge["nick"] else { return jid.localpart ?? "bridge" }
        guard let nick = value.string, !nick.isEmpty, (try? jid.withResource(nick)) != nil else {
            throw ConfigurationError(
                .invalidValue,
                key: "\(entry) nick",
                "must be a non-empty nick in quotes, usable as a resource"
            )
        }
        return nick
    }

    private static func bridgeRoutes(
        _ bridge: TOMLTable,
        entry: String,
        domain: JID
    ) throws(ConfigurationError)
        -> MirrorRoutes
    {
        let example = "such as rooms = { \"secret@\(domain)\" = \"plain@conference.example.org\" }"
        guard let value = bridge["rooms"] else {
            throw ConfigurationError(
                .missingKey,
                key: "\(entry) rooms",
                "map each encrypted room to its plaintext room, \(example)"
            )
        }
        guard let rooms = value.table else {
            throw ConfigurationError(.invalidValue, key: "\(entry) rooms", "must be a table, \(example)")
        }
        var pairs: [(encrypted: JID, plaintext: JID)] = []
        for key in rooms.keys.sorted() {
            guard let encrypted = try? JID(key) else {
                throw ConfigurationError(.invalidValue, key: "\(entry) rooms", "'\(key)' is not a JID")
            }
            guard let text = rooms[key]?.string, let plaintext = try? JID(text) else {
                throw ConfigurationError(
                    .invalidValue,
                    key: "\(entry) rooms",
                    "the plaintext room of '\(key)' must be a room JID in quotes"
                )
            }
            pairs.append((encrypted, plaintext))
        }
        do {
            return try MirrorRoutes(pairs, domain: domain)
        } catch {
            throw ConfigurationError(.invalidValue, key: "\(entry) rooms", error.description)
        }
    }

    private static var knownBridgeKinds: String {
        BridgeKind.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
