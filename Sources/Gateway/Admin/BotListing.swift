import XMPP

/// A configured bot or bridge (a bot member too) as the `list-bots` command shows it.
public struct BotListing: Hashable, Sendable {
    /// The bot's bare JID.
    public var jid: JID
    /// Its `kind` in `[[bots]]` or `[[bridges]]`, such as `echo` or `mirror`.
    public var kind: String
    /// The rooms whose group it is a member of.
    public var rooms: [JID]
}

extension BotListing {
    /// The configured bots and bridges, each with the rooms its runner is in: none when it has no runner.
    /// - Parameters:
    ///   - members: The configured bots, then bridges, with their kinds.
    ///   - runners: The running bots.
    /// - Returns: One listing per member, in order.
    public static func listings(_ members: [(jid: JID, kind: String)], runners: [BotRunner]) async -> [BotListing] {
        var listings: [BotListing] = []
        for member in members {
            let rooms = await runners.first { $0.jid == member.jid }?.roomJIDs() ?? []
            listings.append(BotListing(jid: member.jid, kind: member.kind, rooms: rooms))
        }
        return listings
    }
}
