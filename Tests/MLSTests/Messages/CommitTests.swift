import MLS
import MLSTestSupport
import Testing

struct CommitTests {
    @Test(arguments: [true, false])
    func commitRoundTrips(withPath: Bool) throws {
        let commit = WireFixtures.commit(withPath: withPath)
        #expect(try Commit(tlsEncoded: commit.tlsEncoded) == commit)
    }

    @Test func commitWithoutPathEndsWithAbsentPresenceOctet() {
        #expect(Commit(proposals: [], path: nil).tlsEncoded == [0, 0])
    }

    @Test(arguments: [2 as UInt8, 0xFF])
    func decoderRejectsInvalidPathPresenceOctet(octet: UInt8) {
        #expect(throws: CodecError.invalidOptionalPresence(octet)) { try Commit(tlsEncoded: [0, octet]) }
    }

    @Test func everyTruncationGivesATypedError() {
        let bytes = WireFixtures.commit().tlsEncoded
        for length in 0..<bytes.count {
            #expect(throws: CodecError.self) { try Commit(tlsEncoded: Array(bytes[0..<length])) }
        }
    }
}
