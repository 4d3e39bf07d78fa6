import MLS
import MLSTestSupport
import Testing

struct MLSMessageTests {
    static let messages: [MLSMessage] = [
        MLSMessage(body: .publicMessage(try! PublicMessage(
            content: WireFixtures.content(body: .commit(WireFixtures.commit())),
            auth: FramedContentAuthData(signature: [1], confirmationTag: [2]), membershipTag: [3]))),
        MLSMessage(body: .privateMessage(PrivateMessage(
            groupID: [1], epoch: 2, contentType: .application, authenticatedData: [3], encryptedSenderData: [4],
            ciphertext: [5]))),
        MLSMessage(body: .welcome(Welcome(
            cipherSuite: .mls128DHKEMX25519AES128GCMSHA256Ed25519,
            secrets: [
                EncryptedGroupSecrets(
                    newMember: [1], encryptedGroupSecrets: HPKECiphertext(kemOutput: [2], ciphertext: [3]))
            ],
            encryptedGroupInfo: [4]))),
        MLSMessage(body: .groupInfo(WireFixtures.groupInfo())),
        MLSMessage(body: .keyPackage(WireFixtures.keyPackage())),
    ]

    @Test func everyBodyRoundTripsWithItsWireFormat() throws {
        let formats: [WireFormat] = [.publicMessage, .privateMessage, .welcome, .groupInfo, .keyPackage]
        for (message, format) in zip(Self.messages, formats) {
            let bytes = message.tlsEncoded
            #expect(Array(bytes[0..<4]) == [0, 1, 0, UInt8(format.rawValue)])
            let decoded = try MLSMessage(tlsEncoded: bytes)
            #expect(decoded == message)
            #expect(decoded.wireFormat == format)
        }
    }

    @Test(arguments: [0 as UInt16, 6, 0xFFFF])
    func decoderRejectsUnknownWireFormat(format: UInt16) {
        let bytes: [UInt8] = [0, 1, UInt8(format >> 8), UInt8(format & 0xFF), 0, 0, 0]
        #expect(throws: CodecError.invalidValue(field: "WireFormat", value: UInt64(format))) {
            try MLSMessage(tlsEncoded: bytes)
        }
    }

    @Test func decoderRejectsVersionOtherThanMLS10() {
        var bytes = Self.messages[1].tlsEncoded
        bytes[1] = 2
        #expect(throws: CodecError.invalidValue(field: "ProtocolVersion", value: 2)) {
            try MLSMessage(tlsEncoded: bytes)
        }
    }

    @Test func everyTruncationGivesATypedError() {
        for message in Self.messages {
            let bytes = message.tlsEncoded
            for length in 0..<bytes.count {
                #expect(throws: CodecError.self) { try MLSMessage(tlsEncoded: Array(bytes[0..<length])) }
            }
        }
    }

    @Test func decoderRejectsTrailingBytes() {
        #expect(throws: CodecError.trailingBytes(count: 1)) {
            try MLSMessage(tlsEncoded: Self.messages[3].tlsEncoded + [0])
        }
    }
}
