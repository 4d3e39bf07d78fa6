import MLS
import Testing

/// A group's life among MLSGate clients: create, add, message, update, remove (RFC 9420 §11–§15).
struct GroupLifecycleTests {
    static func client(_ name: String, suite: CipherSuite, configuration: GroupConfiguration = .default) throws -> Client {
        try Client(suite: suite, credential: .basic(identity: Array(name.utf8)), configuration: configuration)
    }

    /// Alice creates a group and adds Bob and Carol in one commit.
    static func threeMembers(suite: CipherSuite, configuration: GroupConfiguration = .default) async throws
        -> (alice: Group, bob: Group, carol: Group)
    {
        let alice = try client("alice", suite: suite, configuration: configuration)
        let bob = try client("bob", suite: suite, configuration: configuration)
        let carol = try client("carol", suite: suite, configuration: configuration)
        var aliceGroup = try alice.createGroup()
        let bobPackage = try bob.makeKeyPackage()
        let carolPackage = try carol.makeKeyPackage()
        let output = try await aliceGroup.commit(
            aliceGroup.commitBuilder().adding(bobPackage.keyPackage).adding(carolPackage.keyPackage))
        _ = try aliceGroup.mergePendingCommit()
        let welcome = try #require(output.welcome)
        let bobGroup = try await bob.join(welcome, keyPackage: bobPackage, ratchetTree: output.ratchetTree)
        let carolGroup = try await carol.join(welcome, keyPackage: carolPackage, ratchetTree: output.ratchetTree)
        return (aliceGroup, bobGroup, carolGroup)
    }

    @Test(arguments: CipherSuite.allDefined)
    func membersAgreeAfterAddsUpdatesAndRemoves(suite: CipherSuite) async throws {
        var (alice, bob, carol) = try await Self.threeMembers(suite: suite)
        #expect(alice.epochAuthenticator == bob.epochAuthenticator && bob.epochAuthenticator == carol.epochAuthenticator)
        #expect(bob.members.count == 3)

        let hello = try alice.encrypt(Array("hello".utf8), authenticatedData: [1])
        guard case .application(let received) = try await bob.process(hello) else {
            Issue.record("not an application message")
            return
        }
        #expect(received.data == Array("hello".utf8) && received.sender == alice.ownLeaf && received.authenticatedData == [1])

        // Bob commits a full update; Alice and Carol follow.
        let update = try await bob.commit(bob.commitBuilder().withPath())
        _ = try await alice.process(update.commit)
        _ = try await carol.process(update.commit)
        guard case .commit(let summary) = try await bob.process(update.commit) else {
            Issue.record("own commit not merged")
            return
        }
        #expect(summary.isOwnCommit && bob.epoch == 2)
        #expect(alice.epochAuthenticator == bob.epochAuthenticator && carol.epochAuthenticator == bob.epochAuthenticator)

        // Carol removes Bob, who can read nothing after.
        let removal = try await carol.commit(carol.commitBuilder().removing(bob.ownLeaf))
        _ = try carol.mergePendingCommit()
        _ = try await alice.process(removal.commit)
        guard case .commit(let removed) = try await bob.process(removal.commit) else {
            Issue.record("removal not processed")
            return
        }
        #expect(removed.removedSelf && bob.status == .removed)
        #expect(alice.members.count == 2 && alice.epochAuthenticator == carol.epochAuthenticator)
        let secret = try alice.encrypt(Array("secret".utf8))
        await #expect(throws: GroupError.self) { try await bob.process(secret) }
        #expect(try alice.export(label: "test", context: [], length: 32)
            == carol.export(label: "test", context: [], length: 32))
    }

    @Test func privateHandshakesWork() async throws {
        var configuration = GroupConfiguration()
        configuration.handshakeWireFormat = .privateMessage
        configuration.ratchetTreeInWelcome = false
        var (alice, bob, carol) = try await Self.threeMembers(
            suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519, configuration: configuration)
        let proposal = try bob.propose(.remove(carol.ownLeaf))
        guard case .privateMessage = proposal.body else {
            Issue.record("proposal not private")
            return
        }
        _ = try await alice.process(proposal)
        _ = try await carol.process(proposal)
        let commit = try await alice.commit()
        _ = try await bob.process(commit.commit)
        _ = try await alice.process(commit.commit)
        #expect(alice.members.count == 2 && alice.epochAuthenticator == bob.epochAuthenticator)
    }

    @Test func updateProposalCommittedByAnotherMember() async throws {
        var (alice, bob, carol) = try await Self.threeMembers(suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        let update = try bob.proposeUpdate()
        _ = try await alice.process(update)
        _ = try await carol.process(update)
        let commit = try await alice.commit()
        _ = try alice.mergePendingCommit()
        _ = try await bob.process(commit.commit)
        _ = try await carol.process(commit.commit)
        #expect(alice.epochAuthenticator == bob.epochAuthenticator && bob.epochAuthenticator == carol.epochAuthenticator)
        // Bob can still decrypt path secrets sent to his new leaf key.
        let next = try await carol.commit(carol.commitBuilder().withPath())
        _ = try await bob.process(next.commit)
        _ = try carol.mergePendingCommit()
        #expect(bob.epochAuthenticator == carol.epochAuthenticator)
    }

    @Test func competingCommitDiscardsOurPendingOne() async throws {
        var (alice, bob, _) = try await Self.threeMembers(suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        _ = try await alice.commit(alice.commitBuilder().withPath())
        let winner = try await bob.commit(bob.commitBuilder().withPath())
        _ = try await alice.process(winner.commit)
        _ = try await bob.process(winner.commit)
        #expect(!alice.hasPendingCommit && alice.epoch == 2 && alice.epochAuthenticator == bob.epochAuthenticator)
    }

    @Test func lateApplicationMessageFromPreviousEpochDecrypts() async throws {
        var (alice, bob, _) = try await Self.threeMembers(suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        let late = try alice.encrypt(Array("late".utf8))
        let commit = try await bob.commit(bob.commitBuilder().withPath())
        _ = try bob.mergePendingCommit()
        _ = try await alice.process(commit.commit)
        guard case .application(let message) = try await bob.process(late) else {
            Issue.record("late message not decrypted")
            return
        }
        #expect(message.data == Array("late".utf8) && message.epoch == 1)
    }

    @Test func lateApplicationMessageNamesItsSenderAsInItsEpoch() async throws {
        var (alice, bob, carol) = try await Self.threeMembers(suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        let late = try carol.encrypt(Array("late".utf8))
        let dave = try Self.client("dave", suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519).makeKeyPackage()
        let commit = try await alice.commit(alice.commitBuilder().removing(carol.ownLeaf).adding(dave.keyPackage))
        _ = try await bob.process(commit.commit)
        let daveCredential = Credential.basic(identity: Array("dave".utf8))
        #expect(bob.members.first { $0.index == carol.ownLeaf }?.leaf.credential == daveCredential)
        guard case .application(let message) = try await bob.process(late) else {
            Issue.record("late message not decrypted")
            return
        }
        #expect(message.sender == carol.ownLeaf && message.senderCredential == .basic(identity: Array("carol".utf8)))
    }

    @Test func invalidCommitLeavesGroupUnchanged() async throws {
        var (alice, bob, _) = try await Self.threeMembers(suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        let commit = try await alice.commit(alice.commitBuilder().withPath())
        guard case .publicMessage(let message) = commit.commit.body else {
            Issue.record("commit not public")
            return
        }
        var tamperedAuth = message.auth
        tamperedAuth.confirmationTag = [UInt8](repeating: 0, count: 32)
        let tampered = MLSMessage(body: .publicMessage(
            try PublicMessage(content: message.content, auth: tamperedAuth, membershipTag: message.membershipTag)))
        let before = bob.epochAuthenticator
        await #expect(throws: GroupError.self) { try await bob.process(tampered) }
        #expect(bob.epoch == 1 && bob.epochAuthenticator == before)
        _ = try await bob.process(commit.commit)
        #expect(bob.epoch == 2)
    }

    @Test func messageForAnotherEpochIsRejected() async throws {
        var (alice, bob, _) = try await Self.threeMembers(suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        let first = try await alice.commit(alice.commitBuilder().withPath())
        _ = try alice.mergePendingCommit()
        _ = try await bob.process(first.commit)
        await #expect(throws: GroupError.wrongEpoch(message: 1, current: 2)) { try await bob.process(first.commit) }
    }

    @Test func commitWithoutRequiredPathIsRejected() async throws {
        var (alice, _, _) = try await Self.threeMembers(suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        // An empty commit needs a path; the builder adds it only when asked, so the group adds it itself.
        let output = try await alice.commit()
        guard case .publicMessage(let message) = output.commit.body, case .commit(let commit) = message.content.body else {
            Issue.record("not a public commit")
            return
        }
        #expect(commit.path != nil)
    }
}
