import Foundation
import XMPP

/// Wraps the component's ``StanzaSink`` so that stanzas the rooms address to a bot (its Welcomes, the room
/// presences and reflected messages sent to it) stay in the process and reach the bot's ``BotRunner``; every
/// other stanza goes out as before.
///
/// ```text
/// RoomHost ─▶ switchboard.sink ─┬─ to a bot's bare JID ─▶ BotInbox ─▶ BotRunner
///                               └─ anyone else        ─▶ fallback (the XMPP connection)
/// ```
public final class BotSwitchboard: @unchecked Sendable {
    private let lock = NSLock()
    private var inboxes: [JID: BotInbox] = [:]
    private let fallback: StanzaSink

    /// - Parameter fallback: Where stanzas to anyone but a bot go.
    public init(fallback: @escaping StanzaSink) {
        self.fallback = fallback
    }

    /// The sink to give the rooms and handlers.
    public var sink: StanzaSink {
        { [self] element in deliver(element) }
    }

    /// Whether a JID is one of the bots'.
    public func isBot(_ jid: JID) -> Bool {
        lock.withLock { inboxes[jid.bare] != nil }
    }

    /// Routes stanzas to a bot's bare JID, and any of its full JIDs, to its inbox.
    func attach(_ inbox: BotInbox, for jid: JID) {
        lock.withLock { inboxes[jid.bare] = inbox }
    }

    private func deliver(_ element: XMLElement) {
        let inbox: BotInbox? =
            if let to = element.attribute("to"), let jid = try? JID(to) {
                lock.withLock { inboxes[jid.bare] }
            } else {
                nil
            }
        if let inbox {
            inbox.append(element)
        } else {
            fallback(element)
        }
    }
}
