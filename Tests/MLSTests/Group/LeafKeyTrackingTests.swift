@testable import MLS
import Testing

/// The tree's key index follows its nodes through adds, updates, removes and path commits, and
/// commits read the uniqueness rules (§7.3) from it.
struct LeafKeyTrackingTests {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

    static func expectIndexMatchesNodes(_ group: Group, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(group.tree.keyIndex == TreeKeyIndex(nodes: group.tree.nodes), sourceLocation: sourceLocation)
    }

    @Test func indexFollowsTheTreeThroughCommits() async throws {
        var (alice, bob, carol) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        for group in [alice, bob, carol] { Self.expectIndexMatchesNodes(group) }
        #expect(alice.tree.keyIndex.memberCount == 3)
        #expect(alice.tree.keyIndex.signatureKeys.count == 3)

        let update = try await bob.commit(bob.commitBuilder().withPath())
        _ = try await alice.process(update.commit)
        _ = try await carol.process(update.commit)
        _ = try bob.mergePendingCommit()
        for group in [alice, bob, carol] { Self.expectIndexMatchesNodes(group) }

        let removal = try await alice.commit(alice.commitBuilder().removing(carol.ownLeaf))
        _ = try alice.mergePendingCommit()
        _ = try await bob.process(removal.commit)
        for group in [alice, bob] { Self.expectIndexMatchesNodes(group) }
        #expect(alice.tree.keyIndex.memberCount == 2)
        #expect(alice.tree.keyIndex.signatureKeys[carol.signatureKeyPair.publicKey] == nil)
    }

    @Test func anAddOfAMemberStillInTheGroupIsRefused() async throws {
        var (alice, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let bobClient = try Client(
            suite: Self.suite, credential: .basic(identity: Array("bob".utf8)), signatureKeyPair: bob.signatureKeyPair)
        let again = try bobClient.makeKeyPackage()
        await #expect(throws: GroupError.invalidProposalList("an Add for a client already in the group")) {
            _ = try await alice.commit(alice.commitBuilder().adding(again.keyPackage))
        }
        // Once the same commit removes the old leaf, its signature key is free again.
        _ = try await alice.commit(alice.commitBuilder().removing(bob.ownLeaf).adding(again.keyPackage))
        _ = try alice.mergePendingCommit()
        Self.expectIndexMatchesNodes(alice)
        #expect(alice.tree.keyIndex.signatureKeys[bob.signatureKeyPair.publicKey] == 1)
    }
}
