import MLS
import Testing

struct GroupContextTests {
    static let sample = GroupContext(
        version: .mls10, cipherSuite: .mls128DHKEMX25519AES128GCMSHA256Ed25519, groupID: [1, 2, 3], epoch: 7,
        treeHash: [UInt8](repeating: 0xAA, count: 32), confirmedTranscriptHash: [UInt8](repeating: 0xBB, count: 32),
        extensions: [
            Extension(type: .applicationID, data: [9, 9]), Extension(type: ExtensionType(rawValue: 0xFF00), data: []),
        ])

    @Test func groupContextRoundTrips() throws {
        let encoded = Self.sample.tlsEncoded
        #expect(try GroupContext(tlsEncoded: encoded) == Self.sample)
    }

    @Test func groupContextEncodesFieldsInWireOrder() {
        let context = GroupContext(
            version: .mls10, cipherSuite: CipherSuite(rawValue: 2), groupID: [0x42], epoch: 1, treeHash: [0x01],
            confirmedTranscriptHash: [], extensions: [])
        let expected: [UInt8] = [
            0x00, 0x01, 0x00, 0x02, 0x01, 0x42, 0, 0, 0, 0, 0, 0, 0, 1, 0x01, 0x01, 0x00, 0x00,
        ]
        #expect(context.tlsEncoded == expected)
    }

    @Test func groupContextRejectsEveryTruncation() {
        let encoded = Self.sample.tlsEncoded
        for length in 0..<encoded.count {
            #expect(throws: CodecError.self, "prefix of \(length) bytes") {
                try GroupContext(tlsEncoded: Array(encoded.prefix(length)))
            }
        }
    }

    @Test func groupContextRejectsTrailingBytes() {
        #expect(throws: CodecError.trailingBytes(count: 1)) {
            try GroupContext(tlsEncoded: Self.sample.tlsEncoded + [0])
        }
    }
}
