import XMPP

/// A bridge: a bot member of encrypted rooms that carries their messages somewhere else, and back.
///
/// A bridge is a ``Bot``: a ``BotRunner`` runs it as a full MLS member (KeyPackages in the directory, joins through
/// a Welcome, follows every commit, updates its leaf, keeps its state sealed at rest), and hands it each
/// decrypted, checked message through ``Bot/messageReceived(_:sender:room:)``. On top of that a bridge
///
/// - chooses its rooms: a Welcome to a room it does not serve is declined, so it never becomes a member there;
/// - posts into its encrypted rooms whenever it wants, through the ``BridgeContext`` it gets at start;
/// - is an XMPP entity of its own: stanzas the XMPP server sends to its JID (any resource) reach
///   ``received(_:)``, and it sends stanzas to the network with ``BridgeContext/send(_:)``, for example to be an
///   occupant of a room on another MUC service.
///
/// ```text
///            Welcome ─▶ serves(room)? ─▶ join ─▶ joined(room:)
///   encrypted room ──▶ decrypt, check envelope ─▶ messageReceived ─▶ …
///   XMPP server ─────▶ stanza to bridge@domain/… ─▶ received(_:) ─▶ …
///   … ─▶ context.post(body, to: room) ─▶ encrypted in an XEP-0420 envelope, sent as the bot member
///   … ─▶ context.send(stanza)         ─▶ XMPP server
/// ```
///
/// The runner calls these one at a time, in order, like the ``Bot`` callbacks. A bridge moves plaintext out of the
/// end-to-end encryption, so it must say so in every room it serves.
public protocol Bridge: Bot {
    /// Whether the bridge serves an encrypted room. It joins no other: a Welcome to another room is declined.
    /// - Parameter room: The encrypted room's bare JID.
    func serves(_ room: JID) -> Bool
    /// The runner has loaded the bridge's state and re-entered its rooms; the context is valid from now on.
    /// - Parameter context: How the bridge posts into its rooms and sends to the network.
    func started(_ context: BridgeContext) async
    /// A stanza the XMPP server sent to the bridge's JID: never MLS room traffic.
    /// - Parameter stanza: The stanza, as received.
    /// - Returns: Whether the bridge handled it. An IQ get or set it did not handle is answered with
    ///   `service-unavailable`.
    func received(_ stanza: XMLElement) async -> Bool
    /// The connection to the XMPP server was rebuilt after an outage: presences elsewhere may have been lost.
    func reconnected() async
    /// Called about once a minute, for retries and timeouts.
    func tick() async
}

extension Bridge {
    public func started(_ context: BridgeContext) async {}
    public func received(_ stanza: XMLElement) async -> Bool { false }
    public func reconnected() async {}
    public func tick() async {}
}
