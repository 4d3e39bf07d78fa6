import MLS
import Testing

struct GroupSecretsTests {
    @Test func roundTripsWithAndWithoutPathSecret() throws {
        let psk = PreSharedKeyID(kind: .resumption(usage: .application, groupID: [1], epoch: 2), nonce: [3])
        for pathSecret in [PathSecret(secret: [4, 5]), nil] {
            let secrets = GroupSecrets(joinerSecret: Secret([9]), pathSecret: pathSecret, psks: [psk])
            #expect(try GroupSecrets(tlsEncoded: secrets.tlsEncoded) == secrets)
        }
    }

    @Test func decoderRejectsInvalidPathSecretPresenceOctet() {
        #expect(throws: CodecError.invalidOptionalPresence(7)) { try GroupSecrets(tlsEncoded: [1, 9, 7, 0]) }
    }
}
