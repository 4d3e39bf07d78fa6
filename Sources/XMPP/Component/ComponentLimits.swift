import NIOCore

/// The timings and bounds of a component connection, in one place.
///
/// Every value has a default fit for a component on the same host or LAN as its server; each is documented with
/// the reason for it.
public struct ComponentLimits: Hashable, Sendable {
    /// The limits of the XML parser on the server's stream. Default: ``XMLStreamLimits`` defaults (512 KiB stanzas).
    public var stream: XMLStreamLimits
    /// How long a TCP connect may take. Default: 10 s; a server that does not accept by then is treated as down.
    public var connectTimeout: TimeAmount
    /// How long the server may take from our stream header to its `<handshake/>`. Default: 10 s; both Prosody and
    /// ejabberd answer within milliseconds, so a longer wait means a stuck peer.
    public var handshakeTimeout: TimeAmount
    /// How often a single space is written on an idle stream (RFC 6120 §4.6.1). Default: 60 s, below the idle
    /// timeouts of common NATs and firewalls (usually 5 minutes or more).
    public var keepaliveInterval: TimeAmount
    /// How often an XEP-0199 ping is sent to the server. Default: 60 s. Any answer, result or error, proves the link.
    public var pingInterval: TimeAmount
    /// How long a ping may stay unanswered before the link is declared dead and rebuilt. Default: 20 s; TCP alone
    /// can take many minutes to notice a peer that vanished.
    public var pingTimeout: TimeAmount
    /// How long to wait for the server's `</stream:stream>` after sending ours. Default: 3 s.
    public var closeTimeout: TimeAmount
    /// How many outbound stanzas are held while disconnected. Default: 1000; a stanza past this gets an error reply
    /// (`resource-constraint`) instead of growing memory without bound during a long outage.
    public var outboundQueueCapacity: Int
    /// How many received stanzas of one sender (a bare JID) may wait to be handled. Default: 64. The gateway
    /// handles stanzas in order, one at a time, so a sender past this is flooding it, and gets
    /// `resource-constraint` instead of delaying everyone else.
    public var maxPendingPerSender: Int
    /// How many received stanzas may wait to be handled, all senders together. Default: 2000, which bounds the
    /// memory of the backlog to this many stanzas of at most ``XMLStreamLimits/maxStanzaBytes`` each.
    public var maxPendingStanzas: Int
    /// The first delay before reconnecting. Default: 1 s.
    public var reconnectInitialDelay: TimeAmount
    /// The longest delay between reconnect attempts. Default: 60 s, so a server back from maintenance is found
    /// within a minute.
    public var reconnectMaximumDelay: TimeAmount
    /// The factor by which the delay grows after each failed attempt. Default: 2.
    public var reconnectMultiplier: Double
    /// The fraction of each delay that is randomized, 0 to 1. Default: 0.2, so many components restarted together
    /// do not reconnect in lockstep.
    public var reconnectJitter: Double

    /// Makes a set of limits; see each property for its default.
    public init(
        stream: XMLStreamLimits = XMLStreamLimits(),
        connectTimeout: TimeAmount = .seconds(10),
        handshakeTimeout: TimeAmount = .seconds(10),
        keepaliveInterval: TimeAmount = .seconds(60),
        pingInterval: TimeAmount = .seconds(60),
        pingTimeout: TimeAmount = .seconds(20),
        closeTimeout: TimeAmount = .seconds(3),
        outboundQueueCapacity: Int = 1000,
        maxPendingPerSender: Int = 64,
        maxPendingStanzas: Int = 2000,
        reconnectInitialDelay: TimeAmount = .seconds(1),
        reconnectMaximumDelay: TimeAmount = .seconds(60),
        reconnectMultiplier: Double = 2,
        reconnectJitter: Double = 0.2
    ) {
        self.stream = stream
        self.connectTimeout = connectTimeout
        self.handshakeTimeout = handshakeTimeout
        self.keepaliveInterval = keepaliveInterval
        self.pingInterval = pingInterval
        self.pingTimeout = pingTimeout
        self.closeTimeout = closeTimeout
        self.outboundQueueCapacity = outboundQueueCapacity
        self.maxPendingPerSender = maxPendingPerSender
        self.maxPendingStanzas = maxPendingStanzas
        self.reconnectInitialDelay = reconnectInitialDelay
        self.reconnectMaximumDelay = reconnectMaximumDelay
        self.reconnectMultiplier = reconnectMultiplier
        self.reconnectJitter = reconnectJitter
    }

    /// The backoff these limits describe.
    public var backoff: ReconnectBackoff {
        ReconnectBackoff(
            initialDelay: reconnectInitialDelay,
            maximumDelay: reconnectMaximumDelay,
            multiplier: reconnectMultiplier,
            jitter: reconnectJitter
        )
    }
}
