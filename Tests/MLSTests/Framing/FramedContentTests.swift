import MLS
import MLSTestSupport
import Testing

struct FramedContentTests {
    static let senders: [Sender] = [
        .member(LeafIndex(7)), .external(senderIndex: 3), .newMemberProposal, .newMemberCommit,
    ]
    static let bodies: [FramedContent.Body] = [
        .application([1, 2, 3]), .proposal(.remove(LeafIndex(1))), .commit(WireFixtures.commit()),
    ]

    @Test func everySenderAndBodyRoundTrips() throws {
        for sender in Self.senders {
            for body in Self.bodies {
                let content = WireFixtures.content(sender: sender, body: body)
                #expect(try FramedContent(tlsEncoded: content.tlsEncoded) == content)
            }
        }
    }

    /// Offset of the content_type octet in `WireFixtures.content(sender: .member, …)`:
    /// group_id (2) + epoch (8) + sender (5) + authenticated_data (2).
    static let contentTypeOffset = 17

    @Test(arguments: [0 as UInt8, 4, 255])
    func decoderRejectsUnknownContentType(value: UInt8) {
        var bytes = WireFixtures.content(body: .application([1])).tlsEncoded
        bytes[Self.contentTypeOffset] = value
        #expect(throws: CodecError.invalidValue(field: "ContentType", value: UInt64(value))) {
            try FramedContent(tlsEncoded: bytes)
        }
    }

    @Test(arguments: [0 as UInt8, 5])
    func decoderRejectsUnknownSenderType(value: UInt8) {
        var bytes = WireFixtures.content(body: .application([1])).tlsEncoded
        bytes[10] = value
        #expect(throws: CodecError.invalidValue(field: "SenderType", value: UInt64(value))) {
            try FramedContent(tlsEncoded: bytes)
        }
    }

    @Test func privateMessageRejectsUnknownContentType() {
        var bytes = PrivateMessage(
            groupID: [], epoch: 0, contentType: .proposal, authenticatedData: [], encryptedSenderData: [],
            ciphertext: []
        ).tlsEncoded
        bytes[9] = 9
        #expect(throws: CodecError.invalidValue(field: "ContentType", value: 9)) {
            try PrivateMessage(tlsEncoded: bytes)
        }
    }
}
