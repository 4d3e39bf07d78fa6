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
    static func readBridges(_ table: TOMLTable, domain: JID, bots: [BotSettings]) throws(ConfigurationError)
        -> [BridgeSettings]
    {
        let reserved = Set(bots.map(\.jid))
        var bridges: [BridgeSettings] = []
        for entry in try ConfigurationEntry.entries(of: "bridges", in: table) {
            let jid = try entry.jid(.bridgeJID, domain: domain, what: "bridge", localpart: "mirror")
            guard !reserved.contains(jid), !bridges.contains(where: { $0.jid == jid }) else {
                throw entry.error(.invalidValue, .bridgeJID, "\(jid) is already taken by another bot or bridge")
            }
            if let other = bridges.first(where: { $0.routes.plaintext(for: jid) != nil }) {
                throw entry.error(
                    .invalidValue, .bridgeJID, "\(jid) is a room that \(other.jid) mirrors, not a free JID")
            }
            let kind = try entry.choice(.bridgeKind, BridgeKind.self)
            let nick = try bridgeNick(entry, jid: jid)
            let routes = try bridgeRoutes(entry, domain: domain)
            try checkBridgeRooms(routes, entry: entry, jid: jid, reserved: reserved, bridges: bridges)
            bridges.append(BridgeSettings(jid: jid, kind: kind, nick: nick, routes: routes))
        }
        return bridges
    }

    /// Checks that a bridge's rooms are rooms, and that no other bridge maps the same encrypted or plaintext room.
    /// - Parameters:
    ///   - routes: The entry's rooms.
    ///   - entry: The entry.
    ///   - jid: The entry's JID.
    ///   - reserved: The bots' JIDs.
    ///   - bridges: The entries before this one.
    private static func checkBridgeRooms(
        _ routes: MirrorRoutes, entry: ConfigurationEntry, jid: JID, reserved: Set<JID>, bridges: [BridgeSettings]
    ) throws(ConfigurationError) {
        for room in routes.encryptedRooms {
            if reserved.contains(room) || room == jid || bridges.contains(where: { $0.jid == room }) {
                throw entry.error(.invalidValue, .bridgeRooms, "\(room) is a bot's or bridge's JID, not a room")
            }
            if let other = bridges.first(where: { $0.routes.plaintext(for: room) != nil }) {
                throw entry.error(
                    .invalidValue, .bridgeRooms, "the encrypted room \(room) is mapped by \(other.jid) too")
            }
        }
        for room in routes.plaintextRooms {
            if let other = bridges.first(where: { $0.routes.encrypted(for: room) != nil }) {
                throw entry.error(
                    .invalidValue, .bridgeRooms, "the plaintext room \(room) is mapped by \(other.jid) too")
            }
        }
    }

    /// Reads `nick`, the JID's localpart by default.
    private static func bridgeNick(_ entry: ConfigurationEntry, jid: JID) throws(ConfigurationError) -> String {
        guard let value = entry.value(.bridgeNick) else { return jid.localpart ?? "bridge" }
        guard let nick = value.string, !nick.isEmpty, (try? jid.withResource(nick)) != nil else {
            throw entry.error(.invalidValue, .bridgeNick, "must be a non-empty nick in quotes, usable as a resource")
        }
        return nick
    }

    /// Reads `rooms`: each encrypted room on the component domain mapped to its plaintext room.
    private static func bridgeRoutes(_ entry: ConfigurationEntry, domain: JID) throws(ConfigurationError)
        -> MirrorRoutes
    {
        let example = "such as rooms = { \"secret@\(domain)\" = \"plain@conference.example.org\" }"
        guard let value = entry.value(.bridgeRooms) else {
            throw entry.error(.missingKey, .bridgeRooms, "map each encrypted room to its plaintext room, \(example)")
        }
        guard let rooms = value.table else {
            throw entry.error(.invalidValue, .bridgeRooms, "must be a table, \(example)")
        }
        var pairs: [(encrypted: JID, plaintext: JID)] = []
        for key in rooms.keys.sorted() {
            guard let encrypted = try? JID(key) else {
                throw entry.error(.invalidValue, .bridgeRooms, "'\(key)' is not a JID")
            }
            guard let text = rooms[key]?.string, let plaintext = try? JID(text) else {
                throw entry.error(
                    .invalidValue, .bridgeRooms, "the plaintext room of '\(key)' must be a room JID in quotes")
            }
            pairs.append((encrypted, plaintext))
        }
        do {
            return try MirrorRoutes(pairs, domain: domain)
        } catch {
            throw entry.error(.invalidValue, .bridgeRooms, error.description)
        }
    }
}
