import XMPP

extension SoftwareVersion {
    /// The version the tests' router reports, as the executable's does.
    static let mlsgateVersion = "0.1.0"
    /// The name and version the tests' router reports.
    static let mlsgate = SoftwareVersion(name: "MLSGate", version: mlsgateVersion)
}

extension ComponentNames {
    /// The names the tests' connections use, as the executable's do.
    static let fixture = ComponentNames(metricPrefix: "mlsgate_", pingIDPrefix: "mlsgate-ping-")
}
