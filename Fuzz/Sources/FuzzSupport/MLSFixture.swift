import Foundation
import MLS

/// Clients, a KeyPackage and a small group made the same way on every run (``FixedRandom``, a fixed clock, one
/// verification task), for the MLS targets and their seeds.
public struct MLSFixture: Sendable {
    public static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519
    /// The clock of every fixture: all lifetimes are checked against it.
    public static let now = Date(timeIntervalSince1970: 1_800_000_000)

    public let crypto: DefaultCryptoProvider
    public let services: GroupServices
    public let alice: Client
    public let bob: Client
    public let carol: Client

    /// Makes the three clients, from `seed`.
    public init(seed: UInt64 = 1) throws {
        crypto = DefaultCryptoProvider(random: FixedRandom(seed: seed))
        services = GroupServices(now: { MLSFixture.now }, parallelism: 1)
        let client = { [crypto, services] (name: String) throws -> Client in
            try Client(
                suite: Self.suite, credential: .basic(identity: Array(name.utf8)), crypto: crypto, services: services)
        }
        alice = try client("alice")
        bob = try client("bob")
        carol = try client("carol")
    }

    /// The group of alice, bob and carol at epoch 1, each member's state, and its follower's inputs.
    public struct Members: Sendable {
        public var alice: Group
        public var bob: Group
        public var carol: Group
        /// The GroupInfo of epoch 1 and its ratchet tree, from which a follower starts.
        public var groupInfo: GroupInfo
        public var ratchetTree: RatchetTreeNodes?
        /// Every message made for the seeds, its encoding first.
        public var seeds: [MLSMessage]
    }

    /// Alice creates the group and adds bob and carol, who join; then alice and carol each make messages of
    /// epoch 1 (application messages, proposals, commits), all from copies of their state.
    public func members() async throws -> Members {
        var alice = try self.alice.createGroup()
        let bobBundle = try bob.makeKeyPackage()
        let carolBundle = try carol.makeKeyPackage()
        let added = try await alice.commit(
            CommitBuilder().adding(bobBundle.keyPackage).adding(carolBundle.keyPackage))
        _ = try alice.mergePendingCommit()
        let bobGroup = try await bob.join(added.welcome!, keyPackage: bobBundle, ratchetTree: added.ratchetTree)
        let carolGroup = try await carol.join(added.welcome!, keyPackage: carolBundle, ratchetTree: added.ratchetTree)
        guard case .groupInfo(let groupInfo) = added.groupInfo.body else { throw FixtureError.noGroupInfo }

        var seeds: [MLSMessage] = [added.groupInfo]
        for sender in [alice, carolGroup] {
            var copy = sender
            seeds.append(try copy.encrypt(Array("hello".utf8), authenticatedData: [1, 2]))
            seeds.append(try copy.proposeUpdate())
            copy = sender
            seeds.append(try copy.proposeSelfRemove())
            copy = sender
            seeds.append(try copy.propose(.remove(LeafIndex(sender.ownLeaf == LeafIndex(0) ? 2 : 0))))
            copy = sender
            seeds.append(try await copy.commit(CommitBuilder().withPath()).commit)
            copy = sender
            seeds.append(try await copy.commit(CommitBuilder().removing(LeafIndex(1))).commit)
        }
        var adding = alice
        let dave = try Client(
            suite: Self.suite, credential: .basic(identity: Array("dave".utf8)), crypto: crypto, services: services)
        let daveOutput = try await adding.commit(CommitBuilder().adding(try dave.makeKeyPackage().keyPackage))
        seeds.append(daveOutput.commit)
        if let welcome = daveOutput.welcome { seeds.append(welcome) }
        return Members(
            alice: alice, bob: bobGroup, carol: carolGroup, groupInfo: groupInfo, ratchetTree: added.ratchetTree,
            seeds: seeds)
    }

    /// Bob's KeyPackage bundle, and Welcomes for it: bob alone added, and bob added with carol.
    public func welcomes() async throws -> (bundle: KeyPackageBundle, welcomes: [MLSMessage]) {
        let bundle = try bob.makeKeyPackage()
        var welcomes: [MLSMessage] = []
        for others in [[], [try carol.makeKeyPackage().keyPackage]] {
            var group = try alice.createGroup()
            let output = try await group.commit(CommitBuilder().adding(bundle.keyPackage).adding(contentsOf: others))
            if let welcome = output.welcome { welcomes.append(welcome) }
        }
        return (bundle, welcomes)
    }

    /// Fresh KeyPackages of bob in every suite the provider implements, one of them last-resort.
    public func keyPackages() throws -> [UnverifiedKeyPackage] {
        var packages = [try bob.makeKeyPackage(lastResort: true).keyPackage]
        for suite in crypto.supportedCipherSuites {
            let client = try Client(
                suite: suite, credential: .basic(identity: Array("bob".utf8)), crypto: crypto, services: services)
            packages.append(try client.makeKeyPackage().keyPackage)
        }
        return packages
    }
}

enum FixtureError: Error {
    case noGroupInfo
}
