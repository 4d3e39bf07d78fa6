import MLS
import Testing

struct CredentialTests {
    @Test func basicAndX509RoundTrip() throws {
        let basic = Credential.basic(identity: [1, 2])
        #expect(basic.tlsEncoded == [0, 1, 2, 1, 2])
        let x509 = Credential.x509(certificates: [Certificate(data: [0x30]), Certificate(data: [0x31, 0x32])])
        #expect(x509.tlsEncoded == [0, 2, 5, 1, 0x30, 2, 0x31, 0x32])
        for credential in [basic, x509] {
            #expect(try Credential(tlsEncoded: credential.tlsEncoded) == credential)
        }
    }

    @Test(arguments: [0 as UInt16, 3, 0x0A0A])
    func decoderRejectsCredentialTypeWithoutDefinedBody(type: UInt16) {
        #expect(throws: CodecError.invalidValue(field: "CredentialType", value: UInt64(type))) {
            try Credential(tlsEncoded: [UInt8(type >> 8), UInt8(type & 0xFF), 0])
        }
    }
}
