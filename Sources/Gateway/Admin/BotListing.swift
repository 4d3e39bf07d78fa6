import XMPP

/// A configured bot or bridge (a bot member too) as the `list-bots` command shows it.
public struct BotListing: Hashable, Sendable {
    /// The bot's bare JID.
    public var jid: JID
    /// Its `kind` in `[[bots]]` or `[[bridges]]`, such as `echo` or `mirror`.
    public var kind: String
    /// The rooms whose group it is a member of.
    public var rooms: [JID]

    public init(jid: JID, kind: String, rooms: [JID]) {
        self.jid = jid
        self.kind = kind
        self.rooms = rooms
    }
}
