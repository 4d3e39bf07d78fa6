import MLS
import Testing

/// A Delivery Service following a group from its PublicMessage handshakes (RFC 9750 §5.3).
struct PublicGroupTests {
    private static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

    private static func groupInfo(_ message: MLSMessage) throws -> GroupInfo {
        guard case .groupInfo(let info) = message.body else { throw GroupError.invalidOperation("not a GroupInfo") }
        return info
    }

    /// Alice's group with Bob and Carol, and a follower started from the GroupInfo of that commit.
    private static func followedGroup() async throws -> (alice: Group, bob: Group, carol: Group, follower: PublicGroup) {
        let alice = try GroupLifecycleTests.client("alice", suite: suite)
        let bob = try GroupLifecycleTests.client("bob", suite: suite)
        let carol = try GroupLifecycleTests.client("carol", suite: suite)
        var aliceGroup = try alice.createGroup()
        let bobPackage = try bob.makeKeyPackage()
        let carolPackage = try carol.makeKeyPackage()
        let output = try await aliceGroup.commit(
            aliceGroup.commitBuilder().adding(bobPackage.keyPackage).adding(carolPackage.keyPackage))
        _ = try aliceGroup.mergePendingCommit()
        let welcome = try #require(output.welcome)
        let bobGroup = try await bob.join(welcome, keyPackage: bobPackage, ratchetTree: output.ratchetTree)
        let carolGroup = try await carol.join(welcome, keyPackage: carolPackage, ratchetTree: output.ratchetTree)
        let follower = try await PublicGroup(
            groupInfo: groupInfo(output.groupInfo), ratchetTree: output.ratchetTree ?? aliceGroup.tree.wireNodes,
            crypto: DefaultCryptoProvider())
        return (aliceGroup, bobGroup, carolGroup, follower)
    }

    @Test func theFollowerKeepsTheMembersGroupContextThroughCommits() async throws {
        var (alice, bob, carol, follower) = try await Self.followedGroup()
        #expect(follower.context == alice.context)
        #expect(follower.members.count == 3)

        let update = try await bob.commit(bob.commitBuilder().withPath())
        guard case .commit(let observed) = try await follower.observe(update.commit) else {
            Issue.record("not followed as a commit")
            return
        }
        _ = try bob.mergePendingCommit()
        _ = try await alice.process(update.commit)
        _ = try await carol.process(update.commit)
        #expect(observed.committerLeaf == bob.ownLeaf && observed.epoch == 2)
        #expect(follower.context == bob.context)
        #expect(follower.keyEpochs[bob.ownLeaf] == 2 && follower.keyEpochs[alice.ownLeaf] == 1)

        // A proposal by reference, then a commit of it.
        let proposal = try carol.propose(.remove(bob.ownLeaf))
        guard case .proposal = try await follower.observe(proposal) else {
            Issue.record("not followed as a proposal")
            return
        }
        _ = try await alice.process(proposal)
        let removal = try await alice.commit(alice.commitBuilder())
        guard case .commit(let removed) = try await follower.observe(removal.commit) else {
            Issue.record("removal not followed")
            return
        }
        _ = try alice.mergePendingCommit()
        #expect(removed.removed.map(\.index) == [bob.ownLeaf])
        #expect(removed.proposals.first.map { if case .member(let leaf) = $0.sender { leaf == carol.ownLeaf } else { false } } == true)
        #expect(follower.context == alice.context && follower.members.count == 2)
        #expect(follower.keyEpochs[bob.ownLeaf] == nil)
    }

    @Test func aTamperedCommitIsRefusedAndChangesNothing() async throws {
        var (_, bob, _, follower) = try await Self.followedGroup()
        let before = follower.serializedState()
        let update = try await bob.commit(bob.commitBuilder().withPath())
        guard case .publicMessage(let framed) = update.commit.body else {
            Issue.record("not a PublicMessage")
            return
        }
        var content = framed.content
        content.authenticatedData = [0xFF]
        let forged = MLSMessage(
            body: .publicMessage(try PublicMessage(content: content, auth: framed.auth, membershipTag: framed.membershipTag)))
        await #expect(throws: GroupError.self) { _ = try await follower.observe(forged) }
        #expect(follower.serializedState() == before)
        // The genuine commit still goes through.
        _ = try await follower.observe(update.commit)
        #expect(follower.epoch == 2)
    }

    @Test func aFollowerFromTheTreeAloneChecksStructureAndLearnsTheTranscriptFromAGroupInfo() async throws {
        var (alice, bob, _, _) = try await Self.followedGroup()
        var follower = try await PublicGroup(
            groupID: alice.groupID, epoch: alice.epoch, cipherSuite: Self.suite, ratchetTree: alice.tree.wireNodes,
            crypto: DefaultCryptoProvider())
        #expect(follower.transcript == .unknown)
        #expect(follower.tree.wireNodes == alice.tree.wireNodes)

        let update = try await bob.commit(bob.commitBuilder().withPath())
        _ = try await follower.observe(update.commit)
        _ = try bob.mergePendingCommit()
        _ = try await alice.process(update.commit)
        #expect(follower.context.treeHash == alice.context.treeHash)
        #expect(follower.transcript == .unknown)

        try follower.adopt(Self.groupInfo(update.groupInfo))
        #expect(follower.context == alice.context)
        guard case .known = follower.transcript else {
            Issue.record("transcript not learned")
            return
        }
        // From now on the commit's signature is checked against the exact GroupContext.
        let next = try await alice.commit(alice.commitBuilder().withPath())
        _ = try await follower.observe(next.commit)
        _ = try alice.mergePendingCommit()
        #expect(follower.context == alice.context)
    }

    @Test func aGroupInfoOfAnotherEpochOrTreeIsNotAdopted() async throws {
        var (alice, bob, _, follower) = try await Self.followedGroup()
        let update = try await bob.commit(bob.commitBuilder().withPath())
        // The GroupInfo of epoch 2 while the follower is in epoch 1.
        #expect(throws: GroupError.self) { try follower.adopt(Self.groupInfo(update.groupInfo)) }
        _ = alice
    }

    @Test func theStateSurvivesSavingAndLoading() async throws {
        var (_, bob, carol, follower) = try await Self.followedGroup()
        let proposal = try carol.propose(.remove(bob.ownLeaf))
        _ = try await follower.observe(proposal)
        let loaded = try PublicGroup.load(serializedState: follower.serializedState(), crypto: DefaultCryptoProvider())
        #expect(loaded.serializedState() == follower.serializedState())
        #expect(loaded.context == follower.context && loaded.keyEpochs == follower.keyEpochs)
        var truncated = follower.serializedState()
        truncated.removeLast()
        #expect(throws: GroupError.self) { try PublicGroup.load(serializedState: truncated, crypto: DefaultCryptoProvider()) }
    }
}
