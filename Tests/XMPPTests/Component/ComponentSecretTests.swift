import Testing
import XMPP

struct ComponentSecretTests {
    @Test func secretsCompareByValue() {
        #expect(ComponentSecret("s3cret") == "s3cret")
        #expect(ComponentSecret("s3cret") != "s3creT")
        #expect(ComponentSecret("s3cret") != "s3cre")
        #expect(ComponentSecret("") == "")
    }

    @Test func configurationPrintsTheSecretRedacted() throws {
        let configuration = ComponentConfiguration(
            domain: try JID("mls.example.org"), secret: "hunter2", host: "localhost", port: 5347)
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in ["\(configuration)", String(reflecting: configuration), dumped, "\(configuration.secret)"] {
            #expect(!text.contains("hunter2"))
        }
        #expect(configuration.secret.description == "ComponentSecret(redacted)")
    }

    @Test func handshakeUsesTheSecretsValue() {
        #expect(
            ComponentStreamStateMachine.handshakeDigest(streamID: "ab", secret: ComponentSecret("c"))
                == ComponentStreamStateMachine.handshakeDigest(streamID: "abc", secret: ""))
    }
}
