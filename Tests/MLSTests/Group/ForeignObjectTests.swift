@testable import MLS
import MLSTestSupport
import Testing

/// The corpus of foreign KeyPackages (`ForeignObjectCase.all`) in the MLS core: each is accepted or refused
/// exactly as RFC 9420 says when a member commits it, when members and the Delivery Service's follower process
/// a commit carrying it, and when its owner joins.
struct ForeignObjectTests {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

    /// Alice's group with Bob, followed by a `PublicGroup`; with the corpus's GroupContext extension if asked.
    static func room(withExtension: Bool) async throws -> (alice: Group, bob: Group, follower: PublicGroup) {
        func member(_ name: String) throws -> Client {
            var client = try Client(suite: suite, credential: .basic(identity: Array(name.utf8)))
            if withExtension { client.capabilities.extensions.append(ForeignObjectCase.groupExtension) }
            return client
        }
        let aliceClient = try member("alice")
        let bobClient = try member("bob")
        var alice = try aliceClient.createGroup(
            extensions: withExtension ? [Extension(type: ForeignObjectCase.groupExtension, data: [])] : [])
        let bobPackage = try bobClient.makeKeyPackage()
        let output = try await alice.commit(alice.commitBuilder().adding(bobPackage.keyPackage))
        _ = try alice.mergePendingCommit()
        let bob = try await bobClient.join(try #require(output.welcome), keyPackage: bobPackage)
        guard case .groupInfo(let info) = output.groupInfo.body else { throw GroupError.noPendingCommit }
        let follower = try await PublicGroup(groupInfo: info, crypto: DefaultCryptoProvider())
        return (alice, bob, follower)
    }

    /// A commit by `committer` adding `keyPackage` by value, forged as ``ForgedCommit/make(by:proposals:)`` is.
    static func forgedCommit(by committer: inout Group, adding keyPackage: UnverifiedKeyPackage) throws -> MLSMessage {
        try ForgedCommit.make(by: &committer, proposals: [.proposal(.add(keyPackage))])
    }

    @Test(arguments: ForeignObjectCase.all)
    func theCoreAcceptsOrRefusesAsTheRFCSays(foreign: ForeignObjectCase) async throws {
        var (alice, bob, follower) = try await Self.room(withExtension: foreign.inGroupWithExtension)
        let dave = try Client(suite: Self.suite, credential: .basic(identity: Array("dave".utf8)))
        let package = try foreign.keyPackage(for: dave)
        let bobBefore = bob.epochAuthenticator

        switch foreign.inGroup {
        case .accepted:
            // Commit: MLSGate adds only members that list the group's version and suite (§11).
            var committer = alice
            let output: CommitOutput
            if foreign.supportsGroupParameters {
                output = try await committer.commit(committer.commitBuilder().adding(package.keyPackage))
            } else {
                await #expect(throws: GroupError.groupParametersNotInCapabilities(Self.suite)) {
                    _ = try await alice.commit(alice.commitBuilder().adding(package.keyPackage))
                }
                #expect(!alice.hasPendingCommit)
                // Another implementation's commit, made without that check.
                output = try await ForgedCommit.addingUnchecked(package.keyPackage, by: &committer)
            }
            // Process: the member and the follower take the commit.
            guard case .commit(let summary) = try await bob.process(output.commit) else {
                Issue.record("not a commit")
                return
            }
            #expect(summary.added.count == 1 && bob.members.count == 3)
            guard case .commit = try await follower.observe(output.commit) else {
                Issue.record("the follower did not apply the commit")
                return
            }
            #expect(follower.context.epoch == bob.epoch)
            // Join: the foreign member joins with its KeyPackage.
            let joined = try await dave.join(try #require(output.welcome), keyPackage: try package.bundle())
            _ = try committer.mergePendingCommit()
            #expect(joined.epochAuthenticator == bob.epochAuthenticator)
            #expect(committer.epochAuthenticator == bob.epochAuthenticator)

        case .refused(let rule):
            let expected = GroupError.keyPackage(.invalidLeafNode(rule))
            // Commit: refused, nothing changes.
            await #expect(throws: expected) {
                _ = try await alice.commit(alice.commitBuilder().adding(package.keyPackage))
            }
            #expect(!alice.hasPendingCommit && alice.epoch == 1)
            // Process: a commit carrying it is refused by the member and the follower, nothing changes.
            var forger = alice
            let forged = try Self.forgedCommit(by: &forger, adding: package.keyPackage)
            await #expect(throws: expected) { _ = try await bob.process(forged) }
            #expect(bob.epoch == 1 && bob.epochAuthenticator == bobBefore && bob.members.count == 2)
            await #expect(throws: expected) { _ = try await follower.observe(forged) }
            #expect(follower.context.epoch == 1)
            // Join: its owner cannot even hold it as a bundle outside a group when leaf validation fails there.
            if foreign.inDirectory != .accepted {
                #expect(throws: KeyPackageError.invalidLeafNode(rule)) { _ = try package.bundle() }
            }
        }
    }

    /// Outside any group, as the directory and a client about to add it validate (§10.1).
    @Test(arguments: ForeignObjectCase.all)
    func keyPackageValidationOutsideAGroupFollowsTheRFC(foreign: ForeignObjectCase) throws {
        let dave = try Client(suite: Self.suite, credential: .basic(identity: Array("dave".utf8)))
        let package = try foreign.keyPackage(for: dave)
        let decoded = try UnverifiedKeyPackage(tlsEncoded: package.keyPackage.tlsEncoded)
        switch foreign.inDirectory {
        case .accepted:
            let validated = try KeyPackage(
                validating: decoded, cipherSuite: Self.suite, crypto: DefaultCryptoProvider(), now: dave.services.now())
            #expect(validated.keyPackage == package.keyPackage)
        case .refused(let rule):
            #expect(throws: KeyPackageError.invalidLeafNode(rule)) {
                _ = try KeyPackage(
                    validating: decoded, cipherSuite: Self.suite, crypto: DefaultCryptoProvider(),
                    now: dave.services.now())
            }
        }
    }

    /// §13.4: "A client processing a GroupInfo object MUST ignore all unrecognized extensions in the `extensions`
    /// field": unknown and GREASE GroupInfo extensions do not stop a follower or an external joiner.
    @Test(arguments: [0x7F41, 0x8A8A] as [UInt16])
    func unknownGroupInfoExtensionsAreIgnored(type: UInt16) async throws {
        var alice = try Client(suite: Self.suite, credential: .basic(identity: Array("alice".utf8))).createGroup()
        var builder = alice.configuration
        builder.externalPubInGroupInfo = true
        alice.configuration = builder
        let output = try await alice.commit()
        _ = try alice.mergePendingCommit()
        guard case .groupInfo(var info) = output.groupInfo.body else {
            Issue.record("not a GroupInfo")
            return
        }
        info.extensions.append(Extension(type: ExtensionType(rawValue: type), data: [9, 9, 9]))
        try info.resign(keyPair: alice.signatureKeyPair, provider: alice.provider)
        let follower = try await PublicGroup(groupInfo: info, crypto: DefaultCryptoProvider())
        #expect(follower.context.epoch == alice.epoch)
        let erin = try Client(suite: Self.suite, credential: .basic(identity: Array("erin".utf8)))
        let (joined, _) = try await Group.joinByExternalCommit(
            groupInfo: info, credential: erin.credential, signatureKeyPair: erin.signatureKeyPair,
            capabilities: erin.capabilities, crypto: erin.crypto)
        #expect(joined.members.count == 2)
    }
}
