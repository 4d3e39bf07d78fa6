import XMPP

/// A configured bot as the `list-bots` command shows it.
public struct BotListing: Hashable, Sendable {
    /// The bot's bare JID.
    public var jid: JID
    /// Its `[[bots]] kind`, such as `echo`.
    public var kind: String
    /// The rooms whose group it is a member of.
    public var rooms: [JID]

    public init(jid: JID, kind: String, rooms: [JID]) {
        self.jid = jid
        self.kind = kind
        self.rooms = rooms
    }
}
