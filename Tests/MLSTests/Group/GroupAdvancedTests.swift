import MLS
import Testing

/// External joins, external senders, PSKs, ReInit and branching (RFC 9420 §8.4, §11.2, §11.3,
/// §12.1.8, §12.4.3.2) among MLSGate clients.
struct GroupAdvancedTests {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

    static func client(_ name: String, suite: CipherSuite = suite, services: GroupServices = GroupServices()) throws
        -> Client
    {
        var configuration = GroupConfiguration()
        configuration.externalPubInGroupInfo = true
        return try Client(
            suite: suite, credential: .basic(identity: Array(name.utf8)), configuration: configuration,
            services: services)
    }

    /// A group of the named members, created by the first; every member's state, in order.
    static func group(_ names: [String], extensions: [Extension] = []) async throws -> (clients: [Client], groups: [Group]) {
        let clients = try names.map { try client($0) }
        var creator = try clients[0].createGroup(extensions: extensions)
        var builder = creator.commitBuilder()
        var bundles: [KeyPackageBundle] = []
        for member in clients.dropFirst() {
            let bundle = try member.makeKeyPackage()
            bundles.append(bundle)
            builder = builder.adding(bundle.keyPackage)
        }
        var groups = [creator]
        if !bundles.isEmpty {
            let output = try await creator.commit(builder)
            _ = try creator.mergePendingCommit()
            groups = [creator]
            for (member, bundle) in zip(clients.dropFirst(), bundles) {
                groups.append(try await member.join(try #require(output.welcome), keyPackage: bundle))
            }
        }
        return (clients, groups)
    }

    /// Delivers a message to every group but the sender's.
    static func deliver(_ message: MLSMessage, to groups: inout [Group], except sender: Int? = nil) async throws {
        for index in groups.indices where index != sender {
            _ = try await groups[index].process(message)
        }
    }

    static func groupInfo(_ output: CommitOutput) throws -> GroupInfo {
        guard case .groupInfo(let info) = output.groupInfo.body else { throw GroupError.invalidOperation("no GroupInfo") }
        return info
    }

    @Test func externalJoinIntoRunningGroup() async throws {
        var (_, groups) = try await Self.group(["alice", "bob", "carol"])
        let update = try await groups[1].commit(groups[1].commitBuilder().withPath())
        try await Self.deliver(update.commit, to: &groups)
        let dave = try Self.client("dave")
        let (daveGroup, output) = try await Group.joinByExternalCommit(
            groupInfo: Self.groupInfo(update), credential: dave.credential, signatureKeyPair: dave.signatureKeyPair,
            capabilities: dave.capabilities, crypto: dave.crypto, configuration: dave.configuration)
        try await Self.deliver(output.commit, to: &groups)
        groups.append(daveGroup)
        #expect(Set(groups.map(\.epochAuthenticator)).count == 1 && daveGroup.members.count == 4)
        let hello = try groups[3].encrypt(Array("hi".utf8))
        guard case .application(let read) = try await groups[0].process(hello) else {
            Issue.record("not decrypted")
            return
        }
        #expect(read.data == Array("hi".utf8))
    }

    @Test func resyncAfterLostState() async throws {
        var (clients, groups) = try await Self.group(["alice", "bob", "carol"])
        // Carol loses her state; with Alice's GroupInfo she rejoins, replacing her old leaf.
        let commit = try await groups[0].commit(groups[0].commitBuilder().withPath())
        try await Self.deliver(commit.commit, to: &groups)
        let carol = clients[2]
        let oldLeaf = groups[2].ownLeaf
        let (rejoined, output) = try await Group.joinByExternalCommit(
            groupInfo: Self.groupInfo(commit), credential: carol.credential, signatureKeyPair: carol.signatureKeyPair,
            capabilities: carol.capabilities, removing: oldLeaf, crypto: carol.crypto,
            configuration: carol.configuration)
        groups.removeLast()
        try await Self.deliver(output.commit, to: &groups)
        groups.append(rejoined)
        #expect(Set(groups.map(\.epochAuthenticator)).count == 1 && rejoined.members.count == 3)
    }

    @Test func externalCommitMayNotRemoveSomeoneElse() async throws {
        var (_, groups) = try await Self.group(["alice", "bob"])
        let commit = try await groups[0].commit(groups[0].commitBuilder().withPath())
        try await Self.deliver(commit.commit, to: &groups)
        let mallory = try Self.client("mallory")
        await #expect(throws: GroupError.self) {
            try await Group.joinByExternalCommit(
                groupInfo: Self.groupInfo(commit), credential: mallory.credential,
                signatureKeyPair: mallory.signatureKeyPair, capabilities: mallory.capabilities,
                removing: groups[1].ownLeaf, crypto: mallory.crypto)
        }
    }

    @Test func externalSenderRemovesMember() async throws {
        let provider = try DefaultCryptoProvider().provider(for: Self.suite)
        let server = try provider.generateSignatureKeyPair()
        var writer = TLSWriter()
        writer.writeVector([ExternalSender(signatureKey: server.publicKey, credential: .basic(identity: Array("ds".utf8)))])
        let senders = Extension(type: .externalSenders, data: writer.bytes)
        var (_, groups) = try await Self.group(["alice", "bob", "carol"], extensions: [senders])
        let removal = try ExternalProposal.make(
            .remove(groups[2].ownLeaf), groupID: groups[0].groupID, epoch: groups[0].epoch, senderIndex: 0,
            signaturePrivateKey: server.privateKey, provider: provider)
        try await Self.deliver(removal, to: &groups)
        let commit = try await groups[0].commit()
        try await Self.deliver(commit.commit, to: &groups)
        #expect(groups[0].members.count == 2 && groups[2].status == .removed)
        #expect(groups[0].epochAuthenticator == groups[1].epochAuthenticator)

        // A sender index outside the extension is refused.
        let forged = try ExternalProposal.make(
            .remove(groups[1].ownLeaf), groupID: groups[0].groupID, epoch: groups[0].epoch, senderIndex: 1,
            signaturePrivateKey: server.privateKey, provider: provider)
        await #expect(throws: GroupError.unknownSender(.external(senderIndex: 1))) { try await groups[0].process(forged) }
    }

    @Test(arguments: [CipherSuite.mls128DHKEMP256AES128GCMSHA256P256, .mls256DHKEMP384AES256GCMSHA384P384])
    func reinitToAnotherSuite(target: CipherSuite) async throws {
        var (clients, groups) = try await Self.group(["alice", "bob", "carol"])
        let reinit = ReInit(groupID: Array("successor".utf8), version: .mls10, cipherSuite: target, extensions: [])
        let proposal = try groups[1].propose(.reInit(reinit))
        try await Self.deliver(proposal, to: &groups, except: 1)
        let commit = try await groups[0].commit()
        try await Self.deliver(commit.commit, to: &groups)
        #expect(groups.allSatisfy { $0.status == .reinitPending(reinit) })
        await #expect(throws: GroupError.groupInactive) { try groups[1].encrypt([1]) }

        // Alice creates the successor in the new suite; Bob and Carol join it.
        let newClients = try clients.map { try Client(suite: target, credential: $0.credential) }
        let bundles = try newClients.dropFirst().map { try $0.makeKeyPackage() }
        let (successor, output) = try await groups[0].reinitialize(
            client: newClients[0], keyPackages: bundles.map(\.keyPackage))
        let welcome = try #require(output.welcome)
        var joined = [successor]
        for (index, bundle) in bundles.enumerated() {
            joined.append(try await groups[index + 1].joinSuccessor(welcome, keyPackage: bundle, client: newClients[index + 1]))
        }
        #expect(Set(joined.map(\.epochAuthenticator)).count == 1 && joined[1].cipherSuite == target)
        #expect(joined[2].groupID == Array("successor".utf8) && joined[2].epoch == 1)
        // Only one successor is accepted.
        await #expect(throws: GroupError.self) {
            try await groups[1].joinSuccessor(welcome, keyPackage: bundles[0], client: newClients[1])
        }
    }

    @Test func branchCarriesThreeOfFiveMembers() async throws {
        let (clients, groups) = try await Self.group(["a", "b", "c", "d", "e"])
        let bundles = try [clients[2], clients[4]].map { try $0.makeKeyPackage() }
        let (branch, output) = try await groups[0].branch(client: clients[0], keyPackages: bundles.map(\.keyPackage))
        let welcome = try #require(output.welcome)
        let c = try await groups[2].joinBranch(welcome, keyPackage: bundles[0], client: clients[2])
        let e = try await groups[4].joinBranch(welcome, keyPackage: bundles[1], client: clients[4])
        #expect(branch.members.count == 3 && c.epochAuthenticator == branch.epochAuthenticator)
        #expect(e.epochAuthenticator == branch.epochAuthenticator && branch.groupID != groups[0].groupID)

        // A stranger's Welcome into a "branch" is refused by members of the original group.
        let stranger = try Self.client("z")
        let strangerBundle = try stranger.makeKeyPackage()
        let bundle = try clients[1].makeKeyPackage()
        let (_, other) = try await groups[0].branch(
            client: clients[0], keyPackages: [strangerBundle.keyPackage, bundle.keyPackage])
        let otherWelcome = try #require(other.welcome)
        await #expect(throws: GroupError.invalidOperation("a member of the branch is not a member of this group")) {
            try await groups[1].joinBranch(otherWelcome, keyPackage: bundle, client: clients[1])
        }
    }

    @Test func externalPSKIsInjectedAndMustBeKnown() async throws {
        let psk: [UInt8] = Array(repeating: 7, count: 32)
        let store = StaticPSKStore(external: [Array("shared".utf8): psk])
        let alice = try Self.client("alice", services: GroupServices(psks: store))
        let bob = try Self.client("bob", services: GroupServices(psks: store))
        let carol = try Self.client("carol")
        var aliceGroup = try alice.createGroup()
        let bobBundle = try bob.makeKeyPackage()
        let carolBundle = try carol.makeKeyPackage()
        let added = try await aliceGroup.commit(
            aliceGroup.commitBuilder().adding(bobBundle.keyPackage).adding(carolBundle.keyPackage))
        _ = try aliceGroup.mergePendingCommit()
        var bobGroup = try await bob.join(try #require(added.welcome), keyPackage: bobBundle)
        var carolGroup = try await carol.join(try #require(added.welcome), keyPackage: carolBundle)
        let id = PreSharedKeyID(kind: .external(id: Array("shared".utf8)), nonce: Array(repeating: 1, count: 32))
        let commit = try await aliceGroup.commit(aliceGroup.commitBuilder().injecting(id))
        _ = try aliceGroup.mergePendingCommit()
        _ = try await bobGroup.process(commit.commit)
        #expect(bobGroup.epochAuthenticator == aliceGroup.epochAuthenticator)
        await #expect(throws: GroupError.missingPSK(id)) { try await carolGroup.process(commit.commit) }
        #expect(carolGroup.epoch == 1)
    }

    @Test func reinitAndBranchPSKsAreRefusedInOrdinaryCommits() async throws {
        var (_, groups) = try await Self.group(["alice", "bob"])
        let id = PreSharedKeyID(
            kind: .resumption(usage: .branch, groupID: groups[0].groupID, epoch: 1), nonce: Array(repeating: 2, count: 32))
        await #expect(throws: GroupError.self) { try await groups[0].commit(groups[0].commitBuilder().injecting(id)) }
    }

    @Test func requiredCapabilitiesMustBeSupportedByEveryMember() async throws {
        var (_, groups) = try await Self.group(["alice", "bob"])
        // A custom extension type no member lists in its capabilities.
        let required = RequiredCapabilities(
            extensionTypes: [ExtensionType(rawValue: 0xFF00)], proposalTypes: [], credentialTypes: [])
        await #expect(throws: GroupError.self) {
            try await groups[0].commit(groups[0].commitBuilder().settingExtensions([required.asExtension]))
        }
        #expect(groups[0].epoch == 1 && !groups[0].hasPendingCommit)
        // Requiring what everyone supports is fine.
        let basic = RequiredCapabilities(extensionTypes: [], proposalTypes: [], credentialTypes: [.basic])
        let commit = try await groups[0].commit(groups[0].commitBuilder().settingExtensions([basic.asExtension]))
        try await Self.deliver(commit.commit, to: &groups)
        #expect(groups[1].context.extensions == [basic.asExtension] && groups[0].epochAuthenticator == groups[1].epochAuthenticator)
        // A new member must then support it too: requiring X.509 refuses a joiner that lists only basic.
        let x509 = RequiredCapabilities(extensionTypes: [], proposalTypes: [], credentialTypes: [.x509])
        let strict = try await groups[0].commit(groups[0].commitBuilder().settingExtensions([x509.asExtension]))
        try await Self.deliver(strict.commit, to: &groups)
        var carol = try Self.client("carol")
        carol.capabilities.credentials = [.basic]
        let carolPackage = try carol.makeKeyPackage()
        await #expect(throws: GroupError.self) {
            try await groups[0].commit(groups[0].commitBuilder().adding(carolPackage.keyPackage))
        }
    }

    @Test func externalSenderAddsAMember() async throws {
        let provider = try DefaultCryptoProvider().provider(for: Self.suite)
        let server = try provider.generateSignatureKeyPair()
        var writer = TLSWriter()
        writer.writeVector([ExternalSender(signatureKey: server.publicKey, credential: .basic(identity: Array("ds".utf8)))])
        var (_, groups) = try await Self.group(
            ["alice", "bob"], extensions: [Extension(type: .externalSenders, data: writer.bytes)])
        let carol = try Self.client("carol")
        let bundle = try carol.makeKeyPackage()
        let add = try ExternalProposal.make(
            .add(bundle.keyPackage), groupID: groups[0].groupID, epoch: groups[0].epoch, senderIndex: 0,
            signaturePrivateKey: server.privateKey, provider: provider)
        try await Self.deliver(add, to: &groups)
        let commit = try await groups[1].commit()
        try await Self.deliver(commit.commit, to: &groups)
        let carolGroup = try await carol.join(try #require(commit.welcome), keyPackage: bundle)
        #expect(carolGroup.epochAuthenticator == groups[0].epochAuthenticator && carolGroup.members.count == 3)
        // External senders may not send Updates.
        #expect(throws: GroupError.self) {
            try ExternalProposal.make(
                .update(try #require(groups[0].members.first?.leaf)), groupID: groups[0].groupID, epoch: groups[0].epoch,
                senderIndex: 0, signaturePrivateKey: server.privateKey, provider: provider)
        }
    }
}
