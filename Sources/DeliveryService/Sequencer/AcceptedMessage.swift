import MLS
import XMPP

/// A message the sequencer accepted and stored: what to reflect to the room, and where to send a Welcome.
public struct AcceptedMessage: Hashable, Sendable {
    /// The XEP-0359 stanza id to stamp on the reflected message.
    public var stanzaID: String
    /// The room-wide order of acceptance; reflect in this order.
    public var sequence: Int64
    /// The epoch in the message's header.
    public var epoch: UInt64
    public var contentType: ContentType
    /// For a commit: the room's epoch after it.
    public var newEpoch: UInt64?
    /// For a commit with a Welcome: the bare JIDs to deliver it to, each once.
    public var welcomeRecipients: [JID]
}
