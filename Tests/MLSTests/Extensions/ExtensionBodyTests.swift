import MLS
import Testing

struct ExtensionBodyTests {
    @Test func requiredCapabilitiesRoundTrips() throws {
        let value = RequiredCapabilities(
            extensionTypes: [.externalSenders], proposalTypes: [ProposalType(rawValue: 0x0A0A)],
            credentialTypes: [.x509])
        #expect(value.tlsEncoded == [2, 0, 5, 2, 0x0A, 0x0A, 2, 0, 2])
        #expect(try RequiredCapabilities(tlsEncoded: value.tlsEncoded) == value)
    }

    @Test func externalSendersRoundTrip() throws {
        let senders = [ExternalSender(signatureKey: [1], credential: .basic(identity: [2]))]
        var writer = TLSWriter()
        writer.writeVector(senders)
        #expect(writer.bytes == [6, 1, 1, 0, 1, 1, 2])
        var reader = TLSReader(writer.bytes)
        #expect(try reader.readVector(of: ExternalSender.self) == senders)
    }

    @Test func externalPubRoundTrips() throws {
        let value = ExternalPub(publicKey: [3, 4])
        #expect(try ExternalPub(tlsEncoded: value.tlsEncoded) == value)
    }
}
