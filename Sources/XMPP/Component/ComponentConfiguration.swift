/// Where and as whom a component connects (XEP-0114), and the limits it runs under.
public struct ComponentConfiguration: Sendable {
    /// The component's domain, such as `mls.example.org`; the `to` of the stream and the `from` of every stanza.
    public var domain: JID
    /// The shared secret the server expects in the handshake; prints redacted.
    public var secret: ComponentSecret
    /// The server's host name or address.
    public var host: String
    /// The server's component port (Prosody's `component_ports`, ejabberd's `ejabberd_service` listener).
    public var port: Int
    /// Where XEP-0199 pings are sent. Default: the component domain without its first label (`example.org` for
    /// `mls.example.org`), the server's own domain in the usual layout; the domain itself if it has one label.
    public var pingTarget: JID
    /// Timings and bounds.
    public var limits: ComponentLimits

    /// Makes a configuration.
    /// - Parameters:
    ///   - domain: The component domain; must be a bare domain JID.
    ///   - secret: The handshake secret.
    ///   - host: The server's host.
    ///   - port: The server's component port.
    ///   - pingTarget: Where pings go; `nil` for the default described at ``pingTarget``.
    ///   - limits: Timings and bounds.
    public init(
        domain: JID,
        secret: String,
        host: String,
        port: Int,
        pingTarget: JID? = nil,
        limits: ComponentLimits = ComponentLimits()
    ) {
        self.domain = domain
        self.secret = ComponentSecret(secret)
        self.host = host
        self.port = port
        self.pingTarget = pingTarget ?? Self.parentDomain(of: domain)
        self.limits = limits
    }

    private static func parentDomain(of domain: JID) -> JID {
        let labels = domain.domainpart.split(separator: ".", maxSplits: 1)
        guard labels.count == 2, let parent = try? JID(localpart: nil, domainpart: String(labels[1])) else {
            return domain.bare
        }
        return parent
    }
}
