import MLS
import MLSTestSupport
import Testing

struct FramedContentTBSTests {
    @Test(arguments: [Sender.member(LeafIndex(1)), .newMemberCommit])
    func memberAndNewMemberCommitCoverTheGroupContext(sender: Sender) throws {
        let content = WireFixtures.content(sender: sender, body: .commit(WireFixtures.commit()))
        let context = WireFixtures.groupContext().tlsEncoded
        let tbs = try FramedContentTBS(wireFormat: .publicMessage, content: content, serializedGroupContext: context)
        #expect(tbs.tlsEncoded == [0, 1, 0, 1] + content.tlsEncoded + context)
        #expect(throws: CodecError.self) {
            try FramedContentTBS(wireFormat: .publicMessage, content: content, serializedGroupContext: nil)
        }
    }

    @Test(arguments: [Sender.external(senderIndex: 2), .newMemberProposal])
    func externalSendersDoNotCoverTheGroupContext(sender: Sender) throws {
        let content = WireFixtures.content(sender: sender, body: .proposal(.remove(LeafIndex(0))))
        let tbs = try FramedContentTBS(wireFormat: .privateMessage, content: content, serializedGroupContext: nil)
        #expect(tbs.tlsEncoded == [0, 1, 0, 2] + content.tlsEncoded)
        #expect(throws: CodecError.self) {
            try FramedContentTBS(wireFormat: .publicMessage, content: content, serializedGroupContext: [0])
        }
    }
}
