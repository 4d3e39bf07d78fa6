import Foundation
import Gateway
import TOMLKit
import XMPP

/// One `[[bots]]` entry.
struct BotSettings: Sendable, Hashable {
    /// The bot's bare JID, on the component domain.
    var jid: JID
    /// What it does.
    var kind: BotKind
}

extension Configuration {
    /// Reads the `[[bots]]` array of tables: each entry a `jid` on the component domain and a known `kind`.
    /// - Throws: ``ConfigurationError`` naming the entry and key to fix.
    static func readBots(_ table: TOMLTable, domain: JID) throws(ConfigurationError) -> [BotSettings] {
        var bots: [BotSettings] = []
        for entry in try ConfigurationEntry.entries(of: "bots", in: table) {
            let jid = try entry.jid(.botJID, domain: domain, what: "bot", localpart: "echo")
            guard !bots.contains(where: { $0.jid == jid }) else {
                throw entry.error(.invalidValue, .botJID, "\(jid) is configured twice")
            }
            bots.append(BotSettings(jid: jid, kind: try entry.choice(.botKind, BotKind.self)))
        }
        return bots
    }
}

extension Configuration {
    /// Reads `[bots_state] update_messages` and `update_interval`.
    static func readBotUpdateSchedule(_ reader: ConfigurationReader) throws(ConfigurationError) -> BotUpdateSchedule {
        let messages = try reader.integer(.botUpdateMessages)
        let interval = try reader.integer(.botUpdateInterval)
        return BotUpdateSchedule(messages: messages, interval: TimeInterval(interval))
    }

    /// Reads `[bots_state] key`, required when bots or bridges are configured.
    /// - Parameters:
    ///   - reader: The document.
    ///   - needed: Whether any bot or bridge is configured.
    /// - Returns: The key, or nil when there is none and none is needed.
    static func readBotStateKey(_ reader: ConfigurationReader, needed: Bool) throws(ConfigurationError)
        -> BotStateKey?
    {
        let key = ConfigurationKey.botStateKey
        guard let keyText = try reader.string(key) else {
            guard !needed else {
                throw ConfigurationError(
                    .missingKey, key: key.displayName,
                    "bots and bridges need a key to seal their state: 32 random bytes as hex or base64, or "
                        + key.environmentName)
            }
            return nil
        }
        do {
            return try BotStateKey(text: keyText)
        } catch {
            throw ConfigurationError(
                .invalidValue, key: key.displayName,
                "must be 32 random bytes as 64 hex digits or as base64, not all zero; make one with "
                    + "`openssl rand -hex 32`")
        }
    }
}
