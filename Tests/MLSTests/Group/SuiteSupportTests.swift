@testable import MLS
import MLSTestSupport
import Testing

/// RFC 9420 §11 makes checking the members' capabilities against the group's version and suite the duty of
/// whoever creates the group or adds them; §7.3 and §10.1 ask no such check of receivers.
struct SuiteSupportTests {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519
    static let otherSuite = CipherSuite.mls128DHKEMP256AES128GCMSHA256P256

    static func client(_ name: String) throws -> Client {
        try Client(suite: suite, credential: .basic(identity: Array(name.utf8)))
    }

    /// A KeyPackage of `name` whose capabilities list only another suite.
    static func packageWithoutTheSuite(_ name: String) throws -> (Client, ForeignKeyPackage) {
        let client = try client(name)
        let foreign = try ForeignKeyPackage.make(for: client) { $0.leafNode.capabilities.cipherSuites = [otherSuite] }
        return (client, foreign)
    }

    @Test func creatingAGroupRefusesOwnCapabilitiesWithoutTheSuite() throws {
        var alice = try Self.client("alice")
        alice.capabilities.cipherSuites = [Self.otherSuite]
        #expect(throws: GroupError.groupParametersNotInCapabilities(Self.suite)) { _ = try alice.createGroup() }
        alice.capabilities.cipherSuites = [Self.suite]
        alice.capabilities.versions = []
        #expect(throws: GroupError.groupParametersNotInCapabilities(Self.suite)) { _ = try alice.createGroup() }
    }

    @Test func committingAnAddRefusesAKeyPackageWithoutTheSuiteAndChangesNothing() async throws {
        var alice = try Self.client("alice").createGroup()
        let (_, foreign) = try Self.packageWithoutTheSuite("bob")
        let before = alice.epochAuthenticator
        await #expect(throws: GroupError.groupParametersNotInCapabilities(Self.suite)) {
            _ = try await alice.commit(alice.commitBuilder().adding(foreign.keyPackage))
        }
        #expect(alice.epoch == 0 && !alice.hasPendingCommit && alice.epochAuthenticator == before)
        #expect(alice.members.count == 1)
    }

    @Test func proposingAnAddRefusesAKeyPackageWithoutTheSuite() throws {
        var alice = try Self.client("alice").createGroup()
        let (_, foreign) = try Self.packageWithoutTheSuite("bob")
        #expect(throws: GroupError.groupParametersNotInCapabilities(Self.suite)) {
            _ = try alice.propose(.add(foreign.keyPackage))
        }
        #expect(alice.proposals.isEmpty)
    }

    /// A commit from another implementation adding such a member is processed, and the member joins.
    @Test func aReceivedAddOfAMemberWithoutTheSuiteIsAccepted() async throws {
        var (alice, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let (dave, foreign) = try Self.packageWithoutTheSuite("dave")
        // What a committer that does not check §11 sends: `makeCommit` is the commit without that check.
        var committer = alice
        let output = try await committer.makeCommit(alice.commitBuilder().adding(foreign.keyPackage))
        guard case .commit(let summary) = try await bob.process(output.commit) else {
            Issue.record("not a commit")
            return
        }
        #expect(summary.added.count == 1 && bob.members.count == 4)
        let daveGroup = try await dave.join(
            try #require(output.welcome), keyPackage: try foreign.bundle(), ratchetTree: output.ratchetTree)
        _ = try committer.mergePendingCommit()
        #expect(daveGroup.epochAuthenticator == bob.epochAuthenticator)
        #expect(committer.epochAuthenticator == bob.epochAuthenticator)
        alice = committer
        #expect(alice.epoch == bob.epoch)
    }
}
