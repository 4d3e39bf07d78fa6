import Gateway
import Testing
import XMPP

@Suite struct BotSwitchboardTests {
    @Test func stanzasToOthersGoOutAndBotsAreRecognized() throws {
        let outbox = Outbox()
        let switchboard = BotSwitchboard { outbox.append($0) }
        let harness = try BotHarness()
        _ = try harness.runner()
        #expect(harness.switchboard.isBot(try JID("echo@mls.example.org/any")))
        #expect(!switchboard.isBot(try JID("echo@mls.example.org")))
        switchboard.sink(GatewayHarness.stanza("message", from: "room@mls.example.org", to: "alice@example.org"))
        #expect(outbox.drain().count == 1)
    }
}
