import XMPP

/// What a ``Bridge`` can do besides answering: post into its encrypted rooms and send stanzas to the XMPP network.
/// Given to ``Bridge/started(_:)``; it stays valid while the runner lives.
public struct BridgeContext: Sendable {
    /// The bridge's bare JID: its MLS identity, and its address on the XMPP network.
    public let jid: JID
    private weak var runner: BotRunner?
    private let network: StanzaSink

    init(jid: JID, runner: BotRunner, network: @escaping StanzaSink) {
        self.jid = jid.bare
        self.runner = runner
        self.network = network
    }

    /// Encrypts a text in an XEP-0420 envelope (with `rpad`, `from` and `time`) and sends it to an encrypted room,
    /// as the bridge's member.
    /// - Parameters:
    ///   - body: The text.
    ///   - room: The encrypted room.
    /// - Returns: Whether it was submitted: false when the bridge is not a member of the room, or encryption failed.
    @discardableResult
    public func post(_ body: String, to room: JID) async -> Bool {
        guard let runner else { return false }
        return await runner.post(body, room: room.bare)
    }

    /// Leaves an encrypted room for good: the bridge proposes its own removal from the room's group (a SelfRemove
    /// when every member supports it), leaves the room and forgets the group. See ``BotDeparture``.
    /// - Parameter room: The encrypted room.
    /// - Returns: What happened; ``BotDeparture/notAMember`` when the bridge is not in the room.
    @discardableResult
    public func leave(_ room: JID) async -> BotDeparture {
        guard let runner else { return .notAMember }
        return await runner.leave(room.bare)
    }

    /// The encrypted rooms the bridge is a member of now.
    public func rooms() async -> [JID] {
        await runner?.roomJIDs() ?? []
    }

    /// Sends a stanza to the XMPP server. Its `from` must be the bridge's JID, bare or with a resource; when absent
    /// it is set to the bare JID.
    /// - Parameter stanza: The stanza.
    /// - Returns: Whether it was sent: false when `from` names someone else.
    @discardableResult
    public func send(_ stanza: XMLElement) -> Bool {
        var stanza = stanza
        if let from = stanza.attribute("from") {
            guard let sender = try? JID(from), sender.bare == jid else { return false }
        } else {
            stanza.setAttribute("from", to: jid.description)
        }
        network(stanza)
        return true
    }
}
