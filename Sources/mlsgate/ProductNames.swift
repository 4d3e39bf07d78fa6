import XMPP

/// MLSGate's names on the outside, handed to the XMPP module, which names no product: what XEP-0092 reports,
/// the labels of the component connection's metrics and the ids of its pings.
extension SoftwareVersion {
    /// The version of this release of MLSGate.
    static let mlsgateVersion = "0.1.0"
    /// MLSGate's own name and version.
    static let mlsgate = SoftwareVersion(name: "MLSGate", version: mlsgateVersion)
}

extension ComponentNames {
    /// `mlsgate_stanzas_sent_total` and its siblings, and pings with ids `mlsgate-ping-1`, `mlsgate-ping-2`, ….
    static let mlsgate = ComponentNames(metricPrefix: "mlsgate_", pingIDPrefix: "mlsgate-ping-")
}
