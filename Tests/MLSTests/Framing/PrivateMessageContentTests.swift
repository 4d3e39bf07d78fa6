import MLS
import MLSTestSupport
import Testing

struct PrivateMessageContentTests {
    @Test(arguments: [0, 1, 17])
    func roundTripsWithZeroPadding(paddingLength: Int) throws {
        let content = try PrivateMessageContent(
            body: .commit(WireFixtures.commit()), auth: FramedContentAuthData(signature: [1], confirmationTag: [2]),
            paddingLength: paddingLength)
        let plaintext = content.tlsEncoded
        #expect(plaintext.suffix(paddingLength).allSatisfy { $0 == 0 })
        #expect(try PrivateMessageContent(plaintext: plaintext, contentType: .commit) == content)
    }

    @Test func applicationPlaintextHasNoContentTypeOrConfirmationTag() throws {
        let content = try PrivateMessageContent(
            body: .application([0xAA]), auth: FramedContentAuthData(signature: [0x51], confirmationTag: nil),
            paddingLength: 2)
        #expect(content.tlsEncoded == [1, 0xAA, 1, 0x51, 0, 0])
    }

    @Test func decoderRejectsNonZeroPadding() {
        #expect(throws: CodecError.nonZeroPadding) {
            try PrivateMessageContent(plaintext: [1, 0xAA, 1, 0x51, 0, 1, 0], contentType: .application)
        }
    }

    @Test func commitWithoutConfirmationTagIsRejected() {
        #expect(throws: CodecError.self) {
            try PrivateMessageContent(
                body: .commit(WireFixtures.commit()), auth: FramedContentAuthData(signature: [1], confirmationTag: nil),
                paddingLength: 0)
        }
    }

    @Test func aadsEncodeTheLeadingFieldsOfThePrivateMessage() {
        let message = PrivateMessage(
            groupID: [0x67], epoch: 1, contentType: .proposal, authenticatedData: [0xAD], encryptedSenderData: [5],
            ciphertext: [6])
        let prefix: [UInt8] = [1, 0x67, 0, 0, 0, 0, 0, 0, 0, 1, 2]
        #expect(SenderDataAAD(message).tlsEncoded == prefix)
        #expect(PrivateContentAAD(message).tlsEncoded == prefix + [1, 0xAD])
    }

    @Test func membershipTagInputIsTheTBSThenTheAuthData() throws {
        let content = WireFixtures.content(body: .proposal(.remove(LeafIndex(1))))
        let context = WireFixtures.groupContext().tlsEncoded
        let tbs = try FramedContentTBS(wireFormat: .publicMessage, content: content, serializedGroupContext: context)
        let auth = FramedContentAuthData(signature: [9], confirmationTag: nil)
        #expect(try AuthenticatedContentTBM(contentTBS: tbs, auth: auth).tlsEncoded == tbs.tlsEncoded + [1, 9])
        #expect(throws: CodecError.self) {
            try AuthenticatedContentTBM(
                contentTBS: tbs, auth: FramedContentAuthData(signature: [9], confirmationTag: [1]))
        }
    }
}
