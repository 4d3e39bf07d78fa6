import XMPP

/// Where handlers send the stanzas they cause besides an IQ's reply: in production
/// `ComponentConnection.send(_:)`, in tests a collector. Stanzas go out in the order they are given.
public typealias StanzaSink = @Sendable (XMLElement) -> Void
