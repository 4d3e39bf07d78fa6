import XMPP

/// A bot's behaviour: what it does when things happen in a room it is a member of. Each callback returns the
/// bodies to send to the room, each in its own encrypted envelope; most return none.
///
/// The ``BotRunner`` calls these one at a time, in the order the room accepted the messages that caused them.
public protocol Bot: Sendable {
    /// The bot joined a room's group through a Welcome.
    func joined(room: JID) async -> [String]
    /// A commit removed the bot from a room's group; it has left the room.
    func removed(room: JID) async
    /// A commit added a member; `member` is its credential's JID when it names one.
    func memberAdded(_ member: JID?, room: JID) async -> [String]
    /// A commit removed a member; `member` is its credential's JID when it names one.
    func memberRemoved(_ member: JID?, room: JID) async -> [String]
    /// A member sent an application message, and ``EnvelopeGuard`` accepted it: an XEP-0420 envelope whose `from`
    /// names the sender's credential, not a replay in its epoch.
    /// - Parameters:
    ///   - envelope: The decrypted envelope.
    ///   - sender: The sender's bare JID, as its credential names it and the envelope confirms.
    ///   - room: The room.
    func messageReceived(_ envelope: SCEEnvelope, sender: JID?, room: JID) async -> [String]
}

extension Bot {
    public func joined(room: JID) async -> [String] { [] }
    public func removed(room: JID) async {}
    public func memberAdded(_ member: JID?, room: JID) async -> [String] { [] }
    public func memberRemoved(_ member: JID?, room: JID) async -> [String] { [] }
}
