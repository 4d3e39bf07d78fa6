import NIOConcurrencyHelpers
import XMPP

/// Wraps the component's ``StanzaSink`` so that stanzas the rooms address to a bot (its Welcomes, the room
/// presences and reflected messages sent to it) stay in the process and reach the bot's ``BotRunner``; every
/// other stanza goes out as before. For bridges it also takes, through ``divert(_:)``, the stanzas the XMPP server
/// sends to their JIDs, marked as network traffic so that they are never mistaken for room traffic.
///
/// ```text
/// RoomHost ─▶ switchboard.sink ─┬─ to a bot's bare JID ─▶ BotInbox .local ─▶ BotRunner
///                               └─ anyone else        ─▶ fallback (the XMPP connection)
/// XMPP server ─▶ router ─▶ divert ─┬─ to a bridge's bare JID ─▶ BotInbox .network ─▶ BotRunner ─▶ Bridge
///                                  └─ anything else ─▶ the router's handlers
/// ```
public final class BotSwitchboard: Sendable {
    private struct Entry: Sendable {
        var inbox: BotInbox
        var takesNetwork: Bool
    }

    private let entries = NIOLockedValueBox<[JID: Entry]>([:])
    private let fallback: StanzaSink

    /// - Parameter fallback: Where stanzas to anyone but a bot go: the XMPP connection.
    public init(fallback: @escaping StanzaSink) {
        self.fallback = fallback
    }

    /// The sink to give the rooms and handlers.
    public var sink: StanzaSink {
        { [self] element in deliver(element) }
    }

    /// Whether a JID is one of the bots'.
    public func isBot(_ jid: JID) -> Bool {
        entries.withLockedValue { $0[jid.bare] != nil }
    }

    /// Takes a stanza from the XMPP server addressed to a bridge's JID (any resource) for the bridge, as network
    /// traffic. Give it to ``StanzaRouter/divert(_:)``.
    /// - Parameter element: A stanza received from the server.
    /// - Returns: Whether the stanza was taken; the router handles it otherwise.
    public func divert(_ element: XMLElement) -> Bool {
        guard let to = element.attribute("to"), let jid = try? JID(to) else { return false }
        let inbox: BotInbox? = entries.withLockedValue { entries in
            guard let entry = entries[jid.bare], entry.takesNetwork else { return nil }
            return entry.inbox
        }
        guard let inbox else { return false }
        if !inbox.append(.network(element)) {
            let error = StanzaError(
                .resourceConstraint, type: .wait,
                text: "\(jid.bare) has \(inbox.networkLimit) stanzas waiting already; try again shortly")
            if let reply = error.replyIfAwaited(to: element) { fallback(reply) }
        }
        return true
    }

    /// Sends a stanza to the XMPP server without looking at its address, so that it never enters a bot's inbox
    /// as room traffic.
    func sendToNetwork(_ element: XMLElement) {
        fallback(element)
    }

    /// Routes stanzas to a bot's bare JID, and any of its full JIDs, to its inbox.
    /// - Parameters:
    ///   - inbox: The bot's inbox.
    ///   - jid: The bot's JID.
    ///   - takesNetwork: Whether stanzas from the XMPP server to the JID go to the bot too (bridges).
    func attach(_ inbox: BotInbox, for jid: JID, takesNetwork: Bool = false) {
        entries.withLockedValue { $0[jid.bare] = Entry(inbox: inbox, takesNetwork: takesNetwork) }
    }

    private func deliver(_ element: XMLElement) {
        let inbox: BotInbox? =
            if let to = element.attribute("to"), let jid = try? JID(to) {
                entries.withLockedValue { $0[jid.bare]?.inbox }
            } else {
                nil
            }
        if let inbox {
            inbox.append(.local(element))
        } else {
            fallback(element)
        }
    }
}
