import Testing
import XMPP

@testable import mlsgate

/// The names an admin and a peer see stay those MLSGate always had.
struct ProductNamesTests {
    @Test func componentMetricsAndPingsKeepTheirNames() {
        let names = ComponentNames.mlsgate
        #expect(names.stanzasSent == "mlsgate_stanzas_sent_total")
        #expect(names.stanzasReceived == "mlsgate_stanzas_received_total")
        #expect(names.stanzasRefused == "mlsgate_stanzas_refused_total")
        #expect(names.reconnects == "mlsgate_component_reconnects_total")
        #expect(names.pingIDPrefix == "mlsgate-ping-")
    }

    @Test func softwareVersionIsMLSGate() {
        #expect(SoftwareVersion.mlsgate == SoftwareVersion(name: "MLSGate", version: "0.1.0"))
    }
}
