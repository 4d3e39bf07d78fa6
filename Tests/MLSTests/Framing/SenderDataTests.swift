import MLS
import Testing

struct SenderDataTests {
    @Test func encodesAsTwelveOctetsAndRoundTrips() throws {
        let data = try SenderData(leafIndex: LeafIndex(1), generation: 2, reuseGuard: [9, 8, 7, 6])
        #expect(data.tlsEncoded == [0, 0, 0, 1, 0, 0, 0, 2, 9, 8, 7, 6])
        #expect(try SenderData(tlsEncoded: data.tlsEncoded) == data)
    }

    @Test(arguments: [[UInt8](), [1, 2, 3], [1, 2, 3, 4, 5]])
    func rejectsReuseGuardOfWrongLength(reuseGuard: [UInt8]) {
        #expect(throws: CodecError.self) {
            try SenderData(leafIndex: LeafIndex(0), generation: 0, reuseGuard: reuseGuard)
        }
    }

    @Test func decoderRejectsTruncatedReuseGuard() {
        #expect(throws: CodecError.truncated(needed: 4, available: 3)) {
            try SenderData(tlsEncoded: [0, 0, 0, 1, 0, 0, 0, 2, 9, 8, 7])
        }
    }
}
