/// The names a ``ComponentConnection`` shows to the outside: the labels of the metrics it records and the ids of
/// the XEP-0199 pings it sends. The product running the component chooses them, so this module names no product.
public struct ComponentNames: Sendable, Hashable {
    /// Counter of stanzas handed to ``ComponentConnection/send(_:)``, by `kind`.
    public var stanzasSent: String
    /// Counter of stanzas received from the server, by `kind`.
    public var stanzasReceived: String
    /// Counter of stanzas answered with an error instead of being delivered, by `reason`.
    public var stanzasRefused: String
    /// Counter of reconnects after a lost or failed connection.
    public var reconnects: String
    /// What each ping id starts with; a counter follows it.
    public var pingIDPrefix: String

    /// Makes the names from the product's prefixes.
    /// - Parameters:
    ///   - metricPrefix: Put before each metric's name, such as `myproduct_` for `myproduct_stanzas_sent_total`.
    ///   - pingIDPrefix: Put before each ping's counter, such as `myproduct-ping-` for `myproduct-ping-1`.
    public init(metricPrefix: String, pingIDPrefix: String) {
        self.stanzasSent = metricPrefix + "stanzas_sent_total"
        self.stanzasReceived = metricPrefix + "stanzas_received_total"
        self.stanzasRefused = metricPrefix + "stanzas_refused_total"
        self.reconnects = metricPrefix + "component_reconnects_total"
        self.pingIDPrefix = pingIDPrefix
    }
}
