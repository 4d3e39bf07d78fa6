import Testing
import XMPP

struct ComponentNamesTests {
    @Test func metricNamesAndPingIDsFollowTheCallersPrefixes() {
        let names = ComponentNames(metricPrefix: "example_", pingIDPrefix: "example-ping-")
        #expect(names.stanzasSent == "example_stanzas_sent_total")
        #expect(names.stanzasReceived == "example_stanzas_received_total")
        #expect(names.stanzasRefused == "example_stanzas_refused_total")
        #expect(names.reconnects == "example_component_reconnects_total")
        #expect(names.pingIDPrefix == "example-ping-")
    }
}
