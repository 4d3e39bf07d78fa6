@testable import MLS
import MLSTestSupport
import Testing

/// The SelfRemove proposal (draft-ietf-mls-extensions): a member asks to leave, and the next commit of any
/// other member includes it by reference and removes that member.
struct SelfRemoveTests {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

    @Test func theProposalIsTypeTenWithAnEmptyBody() throws {
        #expect(Proposal.selfRemove.tlsEncoded == [0x00, 0x0A])
        #expect(try Proposal(tlsEncoded: [0x00, 0x0A]) == .selfRemove)
        #expect(ProposalType.selfRemove.rawValue == 0x000A)
    }

    @Test(arguments: [GroupConfiguration.HandshakeWireFormat.publicMessage, .privateMessage])
    func aMemberLeavesWithTheNextCommitOfAnother(format: GroupConfiguration.HandshakeWireFormat) async throws {
        var configuration = GroupConfiguration.default
        configuration.handshakeWireFormat = format
        var (alice, bob, carol) = try await GroupLifecycleTests.threeMembers(
            suite: Self.suite, configuration: configuration)
        #expect(alice.isSelfRemoveCapable)
        let leaving = try bob.proposeSelfRemove()
        // Always a PublicMessage, whatever the group's handshake format.
        guard case .publicMessage = leaving.body else {
            Issue.record("a SelfRemove must be a PublicMessage")
            return
        }
        guard case .proposal(let received) = try await alice.process(leaving) else {
            Issue.record("not a proposal")
            return
        }
        #expect(received.proposal == .selfRemove && received.sender == .member(bob.ownLeaf))
        _ = try await carol.process(leaving)
        // Bob's own commit leaves his SelfRemove out.
        var bobCommitting = bob
        let bobsCommit = try await bobCommitting.commit()
        guard case .commit(let ownSummary) = try await bobCommitting.process(bobsCommit.commit) else {
            Issue.record("not bob's commit")
            return
        }
        #expect(ownSummary.removed.isEmpty)

        let output = try await alice.commit()
        _ = try alice.mergePendingCommit()
        guard case .commit(let summary) = try await carol.process(output.commit) else {
            Issue.record("not a commit")
            return
        }
        #expect(summary.removed == [bob.ownLeaf])
        #expect(alice.members.count == 2 && carol.epochAuthenticator == alice.epochAuthenticator)
        guard case .commit(let own) = try await bob.process(output.commit) else {
            Issue.record("bob did not see his removal")
            return
        }
        #expect(own.removedSelf)
        #expect(throws: GroupError.groupInactive) { _ = try bob.encrypt([1]) }
    }

    @Test func theFollowerAppliesTheProposalAndTheCommit() async throws {
        var (alice, bob, carol) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let update = try await carol.commit(carol.commitBuilder().withPath())
        _ = try carol.mergePendingCommit()
        _ = try await alice.process(update.commit)
        _ = try await bob.process(update.commit)
        guard case .groupInfo(let info) = update.groupInfo.body else { throw GroupError.noPendingCommit }
        var follower = try await PublicGroup(groupInfo: info, crypto: DefaultCryptoProvider())
        let leaving = try bob.proposeSelfRemove()
        guard case .proposal = try await follower.observe(leaving) else {
            Issue.record("the follower did not cache the proposal")
            return
        }
        _ = try await alice.process(leaving)
        let output = try await alice.commit()
        guard case .commit(let commit) = try await follower.observe(output.commit) else {
            Issue.record("the follower did not apply the commit")
            return
        }
        #expect(commit.removed.map(\.index) == [bob.ownLeaf])
        #expect(commit.proposals.contains { $0.proposal == .selfRemove && $0.sender == .member(bob.ownLeaf) })
        #expect(follower.tree.members.count == 2)
    }

    @Test func aSelfRemoveIsNeverCommittedByValue() async throws {
        var (alice, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        await #expect(throws: GroupError.self) { _ = try await alice.commit(alice.commitBuilder().proposing(.selfRemove)) }
        #expect(throws: GroupError.self) { _ = try alice.propose(.selfRemove) }
        #expect(!alice.hasPendingCommit)
        // Another implementation's commit carrying one by value is refused, and nothing changes.
        var forger = alice
        let forged = try ForgedCommit.make(by: &forger, proposals: [.proposal(.selfRemove)])
        await #expect(throws: GroupError.invalidProposalList("a SelfRemove by value")) { _ = try await bob.process(forged) }
        #expect(bob.epoch == 1 && bob.members.count == 3)
    }

    @Test func aRemoveOfALeafThatAskedToLeaveIsInvalid() async throws {
        var (alice, bob, carol) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let leaving = try bob.proposeSelfRemove()
        _ = try await alice.process(leaving)
        _ = try await carol.process(leaving)
        await #expect(throws: GroupError.invalidProposalList("several Updates or Removes for one leaf")) {
            _ = try await alice.commit(alice.commitBuilder().removing(bob.ownLeaf))
        }
        #expect(!alice.hasPendingCommit && alice.members.count == 3)
        // Without its own Remove, the commit takes the SelfRemove.
        let output = try await alice.commit(alice.commitBuilder().removing(carol.ownLeaf))
        guard case .commit(let summary) = try await carol.process(output.commit) else {
            Issue.record("not a commit")
            return
        }
        #expect(Set(summary.removed) == [bob.ownLeaf, carol.ownLeaf])
    }

    @Test func aSelfRemoveInAPrivateMessageIsRefused() async throws {
        var (alice, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let hidden = try bob.frame(.proposal(.selfRemove), authenticatedData: [], wireFormat: .privateMessage).message
        await #expect(throws: GroupError.invalidProposalList("a SelfRemove not sent as a PublicMessage")) {
            _ = try await alice.process(hidden)
        }
        #expect(alice.proposals.isEmpty)
    }

    /// §12.2: a non-default proposal type needs the support of every member that processes the commit.
    @Test func aGroupWhereSomeMemberLacksSupportIsNotSelfRemoveCapable() async throws {
        var (alice, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        var dave = try Client(suite: Self.suite, credential: .basic(identity: Array("dave".utf8)))
        dave.capabilities.proposals = []
        let package = try dave.makeKeyPackage()
        let output = try await alice.commit(alice.commitBuilder().adding(package.keyPackage))
        _ = try alice.mergePendingCommit()
        _ = try await bob.process(output.commit)
        #expect(!bob.isSelfRemoveCapable)
        #expect(throws: GroupError.self) { _ = try bob.proposeSelfRemove() }
        // A SelfRemove sent anyway (as another implementation might) cannot be committed.
        let forgedProposal = try bob.frame(.proposal(.selfRemove), authenticatedData: [], wireFormat: .publicMessage)
        _ = try await alice.process(forgedProposal.message)
        await #expect(throws: GroupError.invalidProposalList("a proposal type some members do not support")) {
            _ = try await alice.commit()
        }
        #expect(!alice.hasPendingCommit)
    }

    /// draft-ietf-mls-extensions: an external joiner includes the pending SelfRemoves by reference, and the
    /// members apply them with its commit.
    @Test func anExternalJoinerIncludesThePendingSelfRemoves() async throws {
        var configuration = GroupConfiguration.default
        configuration.externalPubInGroupInfo = true
        var (alice, bob, carol) = try await GroupLifecycleTests.threeMembers(
            suite: Self.suite, configuration: configuration)
        let refresh = try await alice.commit(alice.commitBuilder().withPath())
        _ = try alice.mergePendingCommit()
        _ = try await bob.process(refresh.commit)
        _ = try await carol.process(refresh.commit)
        guard case .groupInfo(let info) = refresh.groupInfo.body else { throw GroupError.noPendingCommit }
        let leaving = try bob.proposeSelfRemove()
        _ = try await alice.process(leaving)
        _ = try await carol.process(leaving)

        let erin = try Client(suite: Self.suite, credential: .basic(identity: Array("erin".utf8)))
        let (erinGroup, output) = try await Group.joinByExternalCommit(
            groupInfo: info, credential: erin.credential, signatureKeyPair: erin.signatureKeyPair,
            capabilities: erin.capabilities, pendingSelfRemoves: [leaving], crypto: erin.crypto)
        guard case .commit(let summary) = try await alice.process(output.commit) else {
            Issue.record("not a commit")
            return
        }
        #expect(summary.removed == [bob.ownLeaf] && summary.committer == .newMemberCommit)
        _ = try await carol.process(output.commit)
        #expect(erinGroup.epochAuthenticator == alice.epochAuthenticator)
        #expect(carol.epochAuthenticator == alice.epochAuthenticator && alice.members.count == 3)
        guard case .commit(let own) = try await bob.process(output.commit) else {
            Issue.record("bob did not see his removal")
            return
        }
        #expect(own.removedSelf)

        // Anything but a SelfRemove of that epoch is refused.
        let application = try carol.encrypt([1])
        await #expect(throws: GroupError.self) {
            _ = try await Group.joinByExternalCommit(
                groupInfo: info, credential: erin.credential, signatureKeyPair: erin.signatureKeyPair,
                capabilities: erin.capabilities, pendingSelfRemoves: [application], crypto: erin.crypto)
        }
    }
}

