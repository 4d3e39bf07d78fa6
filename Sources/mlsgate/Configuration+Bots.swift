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
    /// The keys of a `[[bots]]` entry.
    static let botKeys: Set<String> = ["jid", "kind"]

    /// Reads the `[[bots]]` array of tables: each entry a `jid` on the component domain and a known `kind`.
    /// - Throws: ``ConfigurationError`` naming the entry and key to fix.
    static func readBots(_ table: TOMLTable, domain: JID) throws(ConfigurationError) -> [BotSettings] {
        guard let value = table["bots"] else { return [] }
        guard let array = value.array else {
            throw ConfigurationError(.invalidValue, key: "[[bots]]", "must be an array of tables, each [[bots]]")
        }
        var bots: [BotSettings] = []
        for (index, element) in array.enumerated() {
            let entry = "[[bots]] #\(index + 1)"
            guard let bot = element.table else {
                throw ConfigurationError(.invalidValue, key: entry, "must be a table with jid and kind")
            }
            for key in bot.keys where !botKeys.contains(key) {
                throw ConfigurationError(
                    .unknownKey, key: "\(entry) \(key)", "unknown key; known keys are jid, kind")
            }
            guard let jidText = bot["jid"]?.string else {
                throw ConfigurationError(
                    .missingKey, key: "\(entry) jid", "set it to the bot's JID, such as echo@\(domain), in quotes")
            }
            guard let jid = try? JID(jidText), jid.localpart != nil, jid.resourcepart == nil,
                jid.domainpart == domain.domainpart
            else {
                throw ConfigurationError(
                    .invalidValue, key: "\(entry) jid",
                    "'\(jidText)' must be a bare JID on the component domain, such as echo@\(domain)")
            }
            guard !bots.contains(where: { $0.jid == jid }) else {
                throw ConfigurationError(.invalidValue, key: "\(entry) jid", "\(jid) is configured twice")
            }
            guard let kindText = bot["kind"]?.string else {
                throw ConfigurationError(.missingKey, key: "\(entry) kind", "set it to one of \(knownKinds)")
            }
            guard let kind = BotKind(rawValue: kindText) else {
                throw ConfigurationError(
                    .invalidValue, key: "\(entry) kind", "'\(kindText)' is not one of \(knownKinds)")
            }
            bots.append(BotSettings(jid: jid, kind: kind))
        }
        return bots
    }

    private static var knownKinds: String {
        BotKind.allCases.map(\.rawValue).joined(separator: ", ")
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
