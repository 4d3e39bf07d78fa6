import MLS
import MLSTestSupport
import Testing

struct PublicMessageTests {
    @Test func memberMessageCarriesMembershipTagAfterAuthData() throws {
        let content = WireFixtures.content(body: .proposal(.remove(LeafIndex(0))))
        let message = try PublicMessage(
            content: content, auth: FramedContentAuthData(signature: [0x51], confirmationTag: nil),
            membershipTag: [0xA1, 0xA2])
        let bytes = message.tlsEncoded
        #expect(bytes == content.tlsEncoded + [1, 0x51] + [2, 0xA1, 0xA2])
        #expect(try PublicMessage(tlsEncoded: bytes) == message)
    }

    @Test func memberMessageWithoutMembershipTagIsRejected() {
        #expect(throws: CodecError.self) {
            try PublicMessage(
                content: WireFixtures.content(body: .application([1])),
                auth: FramedContentAuthData(signature: [1], confirmationTag: nil), membershipTag: nil)
        }
    }

    @Test func decoderRejectsMemberMessageTruncatedBeforeMembershipTag() throws {
        let content = WireFixtures.content(body: .application([1]))
        let bytes = content.tlsEncoded + [1, 0x51]
        #expect(throws: CodecError.truncated(needed: 1, available: 0)) { try PublicMessage(tlsEncoded: bytes) }
    }

    @Test(arguments: [Sender.external(senderIndex: 0), .newMemberProposal, .newMemberCommit])
    func nonMemberMessageHasNoMembershipTag(sender: Sender) throws {
        let body: FramedContent.Body =
            sender == .newMemberCommit ? .commit(WireFixtures.commit()) : .proposal(.remove(LeafIndex(1)))
        let tag: [UInt8]? = sender == .newMemberCommit ? [0xC0] : nil
        let content = WireFixtures.content(sender: sender, body: body)
        let auth = FramedContentAuthData(signature: [1], confirmationTag: tag)
        #expect(throws: CodecError.self) { try PublicMessage(content: content, auth: auth, membershipTag: [9]) }
        let message = try PublicMessage(content: content, auth: auth, membershipTag: nil)
        let bytes = message.tlsEncoded
        #expect(try PublicMessage(tlsEncoded: bytes) == message)
        // A membership tag appended to a non-member message is left over, not consumed.
        #expect(throws: CodecError.trailingBytes(count: 2)) { try PublicMessage(tlsEncoded: bytes + [1, 9]) }
    }

    @Test func commitRequiresConfirmationTag() {
        let content = WireFixtures.content(body: .commit(WireFixtures.commit()))
        #expect(throws: CodecError.self) {
            try PublicMessage(content: content, auth: FramedContentAuthData(signature: [1], confirmationTag: nil),
                              membershipTag: [2])
        }
    }

    @Test func nonCommitMustNotCarryConfirmationTag() {
        let content = WireFixtures.content(body: .application([5]))
        #expect(throws: CodecError.self) {
            try PublicMessage(content: content, auth: FramedContentAuthData(signature: [1], confirmationTag: [3]),
                              membershipTag: [2])
        }
    }

    @Test func decoderReadsConfirmationTagOnlyForCommits() throws {
        let commit = WireFixtures.content(body: .commit(WireFixtures.commit(withPath: false)))
        let decoded = try PublicMessage(tlsEncoded: commit.tlsEncoded + [1, 0x51] + [1, 0xC7] + [1, 0xA1])
        #expect(decoded.auth.confirmationTag == [0xC7])
        #expect(decoded.membershipTag == [0xA1])
        let proposal = WireFixtures.content(body: .proposal(.remove(LeafIndex(0))))
        let decodedProposal = try PublicMessage(tlsEncoded: proposal.tlsEncoded + [1, 0x51] + [1, 0xA1])
        #expect(decodedProposal.auth.confirmationTag == nil)
        #expect(decodedProposal.membershipTag == [0xA1])
    }

    @Test func authenticatedContentUsesPublicWireFormat() throws {
        let content = WireFixtures.content(body: .application([5]))
        let auth = FramedContentAuthData(signature: [1], confirmationTag: nil)
        let message = try PublicMessage(content: content, auth: auth, membershipTag: [2])
        #expect(message.authenticatedContent.tlsEncoded == [0, 1] + content.tlsEncoded + [1, 1])
    }
}
