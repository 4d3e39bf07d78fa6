import MLS
import MLSTestSupport
import Testing

struct ProposalTests {
    @Test func everyDefinedProposalRoundTrips() throws {
        for proposal in WireFixtures.proposals {
            let bytes = proposal.tlsEncoded
            #expect(Array(bytes[0..<2]) == [0, UInt8(proposal.type.rawValue)])
            #expect(try Proposal(tlsEncoded: bytes) == proposal)
            var body = TLSWriter()
            proposal.encodeBody(to: &body)
            #expect(body.bytes == Array(bytes[2...]))
            var reader = TLSReader(body.bytes)
            #expect(try Proposal(type: proposal.type, bodyFrom: &reader) == proposal)
            #expect(reader.isAtEnd)
        }
    }

    @Test(arguments: [0 as UInt16, 8, 0x0A0A])
    func decoderRejectsProposalTypeWithoutDefinedBody(type: UInt16) {
        #expect(throws: CodecError.invalidValue(field: "ProposalType", value: UInt64(type))) {
            try Proposal(tlsEncoded: [UInt8(type >> 8), UInt8(type & 0xFF), 0])
        }
    }

    @Test(arguments: [0 as UInt8, 3])
    func decoderRejectsUnknownProposalOrRefType(type: UInt8) {
        #expect(throws: CodecError.invalidValue(field: "ProposalOrRefType", value: UInt64(type))) {
            try ProposalOrRef(tlsEncoded: [type, 0])
        }
    }

    @Test func decoderRejectsUnknownPSKType() {
        #expect(throws: CodecError.invalidValue(field: "PSKType", value: 3)) {
            try Proposal(tlsEncoded: [0, 4, 3, 0, 0])
        }
    }
}
