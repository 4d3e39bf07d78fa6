import MLS
import Testing

/// Saving a group's whole state and loading it back: the loaded group continues exactly where
/// the saved one stopped, the encoding is deterministic, and malformed input is refused with a
/// typed error.
struct GroupPersistenceTests {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

    static func reload(_ group: Group, crypto: any CryptoProvider = DefaultCryptoProvider()) throws(GroupError) -> Group {
        try Group.load(serializedState: group.serializedState(), crypto: crypto, services: GroupServices())
    }

    /// The decrypted data of an application message, or nil for anything else.
    static func data(_ processed: ProcessedMessage) -> [UInt8]? {
        guard case .application(let message) = processed else { return nil }
        return message.data
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// The error `load` throws for the bytes, or nil when they load.
    static func loadError(_ bytes: [UInt8], crypto: any CryptoProvider = DefaultCryptoProvider()) -> GroupError? {
        do {
            _ = try Group.load(serializedState: bytes, crypto: crypto, services: GroupServices())
            return nil
        } catch {
            return error
        }
    }

    /// Offset of the persisted ratchet tree: after the magic, the version, the GroupContext and
    /// the configuration.
    static func treeOffset(_ group: Group) -> Int {
        6 + group.context.tlsEncoded.count + group.configuration.tlsEncoded.count
    }

    @Test(arguments: CipherSuite.allDefined)
    func loadedMembersContinueExactly(suite: CipherSuite) async throws {
        var (alice, bob, carol) = try await GroupLifecycleTests.threeMembers(suite: suite)
        _ = try await bob.process(alice.encrypt(Self.bytes("one")))
        _ = try await alice.process(bob.encrypt(Self.bytes("two")))

        // Epoch 1 traffic that reaches Bob late or out of order: he keeps skipped keys.
        let early = try alice.encrypt(Self.bytes("m1"))
        let middle = try alice.encrypt(Self.bytes("m2"))
        let newest = try alice.encrypt(Self.bytes("m3"))
        #expect(Self.data(try await bob.process(newest)) == Self.bytes("m3"))
        let late = try alice.encrypt(Self.bytes("late"))

        let commit = try await bob.commit(bob.commitBuilder().withPath())
        _ = try bob.mergePendingCommit()
        _ = try await alice.process(commit.commit)
        _ = try await carol.process(commit.commit)
        _ = try await bob.process(alice.encrypt(Self.bytes("epoch 2")))
        _ = try await alice.process(bob.encrypt(Self.bytes("from bob in epoch 2")))

        // Carol proposes an update: Bob caches the proposal, Carol keeps her new leaf key.
        let update = try carol.proposeUpdate()
        _ = try await alice.process(update)
        _ = try await bob.process(update)

        var savedBob = try Self.reload(bob)
        var savedCarol = try Self.reload(carol)
        #expect(savedBob.serializedState() == bob.serializedState())
        #expect(savedCarol.serializedState() == carol.serializedState())
        #expect(savedBob.epoch == 2 && savedBob.epochAuthenticator == bob.epochAuthenticator)
        #expect(savedBob.ownLeaf == bob.ownLeaf && savedBob.members.count == 3 && savedBob.status == .active)
        #expect(try savedBob.export(label: "persist", context: [1], length: 32)
            == alice.export(label: "persist", context: [1], length: 32))

        // Retained keys and the previous epoch's secret tree came back.
        #expect(Self.data(try await savedBob.process(middle)) == Self.bytes("m2"))
        #expect(Self.data(try await savedBob.process(early)) == Self.bytes("m1"))
        #expect(Self.data(try await savedBob.process(late)) == Self.bytes("late"))
        await #expect(throws: GroupError.self) { try await savedBob.process(newest) }

        // The receiving and sending ratchets of the current epoch continue.
        #expect(Self.data(try await savedBob.process(alice.encrypt(Self.bytes("next")))) == Self.bytes("next"))
        #expect(Self.data(try await alice.process(savedBob.encrypt(Self.bytes("reply")))) == Self.bytes("reply"))

        // Alice commits Carol's update by reference: Bob needs the cached proposal, Carol her
        // pending update key to decrypt the path secret.
        let next = try await alice.commit(alice.commitBuilder().withPath())
        _ = try alice.mergePendingCommit()
        _ = try await savedBob.process(next.commit)
        _ = try await savedCarol.process(next.commit)
        #expect(savedBob.epoch == 3)
        #expect(savedBob.epochAuthenticator == alice.epochAuthenticator)
        #expect(savedCarol.epochAuthenticator == alice.epochAuthenticator)
        #expect(Self.data(try await savedCarol.process(savedBob.encrypt(Self.bytes("epoch 3")))) == Self.bytes("epoch 3"))
    }

    @Test(arguments: [GroupConfiguration.HandshakeWireFormat.publicMessage, .privateMessage])
    func pendingCommitMergesAfterReload(wireFormat: GroupConfiguration.HandshakeWireFormat) async throws {
        var configuration = GroupConfiguration()
        configuration.handshakeWireFormat = wireFormat
        var (alice, bob, carol) = try await GroupLifecycleTests.threeMembers(
            suite: Self.suite, configuration: configuration)
        let output = try await alice.commit(alice.commitBuilder().withPath().removing(carol.ownLeaf))

        var saved = try Self.reload(alice)
        #expect(saved.hasPendingCommit && saved.epoch == 1)
        #expect(saved.configuration == configuration)
        #expect(saved.serializedState() == alice.serializedState())

        _ = try await bob.process(output.commit)
        _ = try await carol.process(output.commit)
        guard case .commit(let summary) = try await saved.process(output.commit) else {
            Issue.record("the echoed commit was not merged")
            return
        }
        #expect(summary.isOwnCommit && summary.removed == [carol.ownLeaf])
        #expect(saved.epoch == 2 && !saved.hasPendingCommit)
        #expect(saved.epochAuthenticator == bob.epochAuthenticator)
        #expect(carol.status == .removed)
    }

    @Test func removedMemberRoundTrips() async throws {
        var (alice, _, carol) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let removal = try await alice.commit(alice.commitBuilder().removing(carol.ownLeaf))
        _ = try await carol.process(removal.commit)
        #expect(carol.status == .removed)

        // Carol's leaf lies beyond the tree, truncated to two leaves by her removal.
        var saved = try Self.reload(carol)
        #expect(saved.status == .removed && saved.ownLeaf == carol.ownLeaf)
        #expect(saved.serializedState() == carol.serializedState())
        #expect(throws: GroupError.self) { try saved.encrypt([1]) }
    }

    @Test func reinitStatusesRoundTrip() async throws {
        var (alice, bob, carol) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let target = CipherSuite.mls128DHKEMP256AES128GCMSHA256P256
        let reinit = ReInit(groupID: Self.bytes("successor"), version: .mls10, cipherSuite: target, extensions: [])
        let proposal = try bob.propose(.reInit(reinit))
        _ = try await alice.process(proposal)
        _ = try await carol.process(proposal)
        let commit = try await alice.commit()
        _ = try alice.mergePendingCommit()
        _ = try await bob.process(commit.commit)
        #expect(bob.status == .reinitPending(reinit))

        // The loaded group still accepts the successor; the loaded successor state says so.
        var savedBob = try Self.reload(bob)
        #expect(savedBob.status == .reinitPending(reinit))
        let newAlice = try Client(suite: target, credential: .basic(identity: Self.bytes("alice")))
        let newBob = try Client(suite: target, credential: .basic(identity: Self.bytes("bob")))
        let bundle = try newBob.makeKeyPackage()
        let (successor, output) = try await alice.reinitialize(client: newAlice, keyPackages: [bundle.keyPackage])
        let joined = try await savedBob.joinSuccessor(try #require(output.welcome), keyPackage: bundle, client: newBob)
        #expect(joined.epochAuthenticator == successor.epochAuthenticator)
        #expect(try Self.reload(savedBob).status == .reinitialized(successor: Self.bytes("successor")))
        #expect(try Self.reload(alice).status == .reinitialized(successor: Self.bytes("successor")))
        #expect(try Self.reload(joined).cipherSuite == target)
    }

    @Test func configurationRoundTrips() throws {
        let configuration = GroupConfiguration(
            handshakeWireFormat: .privateMessage, enforceHandshakeWireFormat: true, padding: .toMultiple(of: 100),
            secretTree: SecretTreeConfiguration(maxForwardDistance: 5, outOfOrderTolerance: 7, maxRetainedKeys: 9),
            pastEpochs: 4, ratchetTreeInWelcome: false, externalPubInGroupInfo: true, maximumKeyPackageLifetime: 1234,
            checkLifetimeOfReceivedKeyPackages: false, resumptionPSKEpochs: 5)
        let group = try GroupLifecycleTests.client("alice", suite: Self.suite, configuration: configuration)
            .createGroup()
        #expect(try Self.reload(group).configuration == configuration)

        var unpadded = configuration
        unpadded.padding = .none
        unpadded.maximumKeyPackageLifetime = nil
        let other = try GroupLifecycleTests.client("bob", suite: Self.suite, configuration: unpadded).createGroup()
        #expect(try Self.reload(other).configuration == unpadded)
        #expect(try PaddingPolicy(tlsEncoded: PaddingPolicy.toMultiple(of: -3).tlsEncoded) == .toMultiple(of: 0))
    }

    @Test func serializationIsDeterministic() async throws {
        var (alice, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        // Many retained keys, cached proposals and resumption PSKs, so the sorted maps matter.
        var messages: [MLSMessage] = []
        for index in 0..<24 { messages.append(try alice.encrypt([UInt8(index)])) }
        _ = try await bob.process(messages[23])
        _ = try await bob.process(messages[5])
        for _ in 0..<2 {
            let commit = try await alice.commit(alice.commitBuilder().withPath())
            _ = try alice.mergePendingCommit()
            _ = try await bob.process(commit.commit)
        }
        _ = try await bob.process(alice.propose(.remove(LeafIndex(2))))

        let state = bob.serializedState()
        #expect(bob.serializedState() == state)
        var copy = bob
        for _ in 0..<3 {
            copy = try Self.reload(copy)
            #expect(copy.serializedState() == state)
        }
        #expect(Self.data(try await copy.process(messages[6])) == [6])
        #expect(copy.serializedState() != state)
    }

    @Test func everyTruncationIsRejected() async throws {
        let (_, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let state = bob.serializedState()
        var accepted: [Int] = []
        var untyped: [Int] = []
        for length in 0..<state.count {
            switch Self.loadError(Array(state.prefix(length))) {
            case nil: accepted.append(length)
            case .codec: break
            default: untyped.append(length)
            }
        }
        #expect(accepted.isEmpty, "prefixes accepted: \(accepted)")
        #expect(untyped.isEmpty, "prefixes without a codec error: \(untyped)")
        #expect(Self.loadError(state) == nil)
    }

    @Test func headerVersionAndTrailingBytesAreChecked() async throws {
        let (_, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let state = bob.serializedState()
        #expect(Array(state.prefix(6)) == [0x4D, 0x4C, 0x53, 0x47, 0x00, 0x01])

        var version = state
        version[5] ^= 0x03
        #expect(Self.loadError(version) == .codec(.invalidValue(field: "group state version", value: 2)))
        var highVersion = state
        highVersion[4] ^= 0x01
        #expect(Self.loadError(highVersion) == .codec(.invalidValue(field: "group state version", value: 0x0101)))
        var magic = state
        magic[0] ^= 0x20
        #expect(Self.loadError(magic) == .codec(.malformed("not a saved MLS group state")))
        #expect(Self.loadError(state + [0]) == .codec(.trailingBytes(count: 1)))
        #expect(Self.loadError([]) == .codec(.truncated(needed: 4, available: 0)))
    }

    @Test func inconsistentPartsAreRejected() async throws {
        let (_, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let state = bob.serializedState()
        let offset = Self.treeOffset(bob)
        #expect(Array(state[offset..<offset + 4]) == [0, 0, 0, 4])

        var notPowerOfTwo = state
        notPowerOfTwo[offset + 3] = 3
        #expect(Self.loadError(notPowerOfTwo) == .codec(.invalidValue(field: "ratchet tree leaf_count", value: 3)))
        var wrongSize = state
        wrongSize[offset + 3] = 8
        #expect(Self.loadError(wrongSize) == .codec(.malformed("ratchet tree of 8 leaves has 7 nodes")))

        // A GroupContext whose tree hash is not the tree's.
        var context = bob.context
        context.treeHash[0] ^= 1
        let contextStart = 6
        let contextEnd = contextStart + bob.context.tlsEncoded.count
        let swapped = Array(state[..<contextStart]) + context.tlsEncoded + Array(state[contextEnd...])
        #expect(Self.loadError(swapped) == .codec(.malformed("the tree does not match the GroupContext's tree hash")))
    }

    @Test func mapsMustBeStrictlyAscending() async throws {
        var (alice, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let commit = try await alice.commit(alice.commitBuilder().withPath())
        _ = try alice.mergePendingCommit()
        _ = try await bob.process(commit.commit)
        // The state ends with the resumption PSKs of epochs 1 and 2 (8 + 1 + 32 bytes each), then
        // the status `active`.
        let state = bob.serializedState()
        let entries = state.count - 1 - 82
        #expect(Array(state[(entries - 2)..<entries]) == [0x40, 82] && state.last == 0)
        #expect(Array(state[entries..<(entries + 8)]) == [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(Array(state[(entries + 41)..<(entries + 49)]) == [0, 0, 0, 0, 0, 0, 0, 2])

        let error = GroupError.codec(.malformed("resumption PSKs: keys are not strictly ascending"))
        let swapped = Array(state[..<entries]) + Array(state[(entries + 41)..<(entries + 82)])
            + Array(state[entries..<(entries + 41)]) + [0]
        #expect(Self.loadError(swapped) == error)
        var duplicate = state
        duplicate[entries + 48] = 1
        #expect(Self.loadError(duplicate) == error)
    }

    @Test func partsRoundTripAndRejectInvalidValues() async throws {
        let (_, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        #expect(try RatchetTree(tlsEncoded: bob.tree.tlsEncoded) == bob.tree)
        // A leaf count that does not match the nodes, and a parent node at a leaf's position.
        var shortTree = bob.tree.tlsEncoded
        shortTree[3] = 2
        #expect(throws: CodecError.malformed("ratchet tree of 2 leaves has 7 nodes")) {
            try RatchetTree(tlsEncoded: shortTree)
        }
        var nodes = bob.tree.nodes
        nodes.swapAt(0, 1)
        var misplaced = TLSWriter()
        misplaced.write(UInt32(4))
        misplaced.writeVector(nodes) { writer, node in writer.writeOptional(node) }
        #expect(throws: CodecError.self) { try RatchetTree(tlsEncoded: misplaced.bytes) }

        let statuses: [GroupStatus] = [
            .active, .removed,
            .reinitPending(ReInit(groupID: [1], version: .mls10, cipherSuite: Self.suite, extensions: [])),
            .reinitialized(successor: [2, 3]),
        ]
        for status in statuses { #expect(try GroupStatus(tlsEncoded: status.tlsEncoded) == status) }
        #expect(throws: CodecError.invalidValue(field: "GroupStatusType", value: 4)) { try GroupStatus(tlsEncoded: [4]) }

        #expect(throws: CodecError.invalidValue(field: "PaddingPolicyType", value: 2)) {
            try PaddingPolicy(tlsEncoded: [2])
        }
        #expect(throws: CodecError.invalidValue(field: "padding block", value: (1 << 24) + 1)) {
            try PaddingPolicy(tlsEncoded: [1, 0x01, 0, 0, 1])
        }
        #expect(try PaddingPolicy(tlsEncoded: PaddingPolicy.toMultiple(of: 1 << 30).tlsEncoded) == .toMultiple(of: 1 << 24))
        #expect(throws: CodecError.invalidValue(field: "HandshakeWireFormat", value: 3)) {
            try GroupConfiguration.HandshakeWireFormat(tlsEncoded: [0, 3])
        }

        let keys = TreePrivateKeys(leafIndex: LeafIndex(1), leafPrivateKey: [7, 7])
        #expect(try TreePrivateKeys(tlsEncoded: keys.tlsEncoded) == keys)
        // Node 4 before node 2.
        let unordered: [UInt8] = [0, 0, 0, 1, 12, 0, 0, 0, 4, 1, 9, 0, 0, 0, 2, 1, 7]
        #expect(throws: CodecError.malformed("tree private keys: keys are not strictly ascending")) {
            try TreePrivateKeys(tlsEncoded: unordered)
        }

        let configuration = SecretTreeConfiguration(maxForwardDistance: 1, outOfOrderTolerance: 2, maxRetainedKeys: 3)
        #expect(try SecretTreeConfiguration(tlsEncoded: configuration.tlsEncoded) == configuration)
        let key = RatchetKey(generation: 9, key: [1, 2], nonce: [3])
        #expect(try RatchetKey(tlsEncoded: key.tlsEncoded) == key)
        let pair = SignatureKeyPair(privateKey: [1], publicKey: [2, 3])
        #expect(try SignatureKeyPair(tlsEncoded: pair.tlsEncoded) == pair)
        let secrets = EpochSecrets(
            senderDataSecret: Secret([1]), encryptionSecret: Secret([2]), exporterSecret: Secret([3]),
            externalSecret: Secret([4]), confirmationKey: Secret([5]), membershipKey: Secret([6]),
            resumptionPSK: Secret([7]), epochAuthenticator: Secret([8]), initSecret: Secret([9]))
        #expect(try EpochSecrets(tlsEncoded: secrets.tlsEncoded) == secrets)
    }

    @Test func corruptedBytesNeverCrash() async throws {
        let (_, bob, _) = try await GroupLifecycleTests.threeMembers(suite: Self.suite)
        let state = bob.serializedState()
        var rejected = 0
        for index in stride(from: 0, to: state.count, by: 3) {
            var corrupted = state
            corrupted[index] ^= 0xA5
            if Self.loadError(corrupted) != nil { rejected += 1 }
        }
        #expect(rejected > 0)
    }

    /// A provider that lacks one suite, otherwise the default one.
    struct CryptoWithout: CryptoProvider {
        let missing: CipherSuite

        var supportedCipherSuites: [CipherSuite] {
            DefaultCryptoProvider().supportedCipherSuites.filter { $0 != missing }
        }

        func provider(for suite: CipherSuite) throws(CryptoError) -> any CipherSuiteProvider {
            guard suite != missing else { throw .unsupportedCipherSuite(suite) }
            return try DefaultCryptoProvider().provider(for: suite)
        }
    }

    @Test func stateOfAnUnsupportedSuiteIsRejected() throws {
        let suite = CipherSuite.mls256DHKEMP384AES256GCMSHA384P384
        let group = try GroupLifecycleTests.client("alice", suite: suite).createGroup()
        #expect(Self.loadError(group.serializedState(), crypto: CryptoWithout(missing: suite))
            == .crypto(.unsupportedCipherSuite(suite)))
        #expect(try Self.reload(group, crypto: CryptoWithout(missing: Self.suite)).epoch == 0)
    }
}
