import MLS

/// The group benchmark for one group size N: a creator adds N-1 members in one commit, members
/// join from the Welcome, the creator sends empty commits with a path that a member processes,
/// then application messages flow from the creator to that member.
///
/// The member measured for processing and decryption is the first one added (leaf 1): its lowest
/// common ancestor with the creator (leaf 0) is the lowest possible, so it derives the most path
/// key pairs. Since no member but the creator ever commits, the parents off the creator's direct
/// path stay blank and each path commit encrypts to all N-1 other leaves; the floor counts the
/// ciphertexts actually sent.
struct GroupScenario {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519
    /// The application payload size.
    static let payloadSize = 100

    let size: Int
    let plan: RepetitionPlan
    let log: @Sendable (String) -> Void

    /// The figures, and diagnostics that explain them.
    func run() async throws -> (figures: [BenchFigure], diagnostics: [BenchDiagnostic]) {
        guard size >= 2 else { throw BenchError.check("a group needs at least 2 members, not \(size)") }
        let added = size - 1
        var figures: [BenchFigure] = []
        var diagnostics: [BenchDiagnostic] = []

        log("n=\(size): making \(added) clients and KeyPackages")
        let creator = try Client(suite: Self.suite, credential: .basic(identity: Array("creator".utf8)))
        var members: [(client: Client, bundle: KeyPackageBundle)] = []
        members.reserveCapacity(added)
        for index in 1...added {
            let client = try Client(suite: Self.suite, credential: .basic(identity: Array("member-\(index)".utf8)))
            members.append((client, try client.makeKeyPackage()))
        }

        // add_{N-1}_members_commit: every run on a new group; the last one is kept. The time
        // includes describing the commit (the CommitBuilder), as a caller has to.
        log("n=\(size): add commit")
        var samples: [Double] = []
        var builderSamples: [Double] = []
        var group: Group?
        var output: CommitOutput?
        for _ in 0..<plan.addCommit(size: size) {
            var fresh = try creator.createGroup()
            let timed = try await Stopwatch.time {
                let built = Stopwatch.timeSync {
                    fresh.commitBuilder().adding(contentsOf: members.map(\.bundle.keyPackage))
                }
                builderSamples.append(built.seconds)
                return try await fresh.commit(built.result)
            }
            samples.append(timed.seconds)
            _ = try fresh.mergePendingCommit()
            group = fresh
            output = timed.result
        }
        guard var creatorGroup = group, let addOutput = output, let welcome = addOutput.welcome else {
            throw BenchError.check("the add commit produced no Welcome")
        }
        figures.append(figure(
            "add_\(added)_members_commit", samples, .milliseconds, FloorModel.addCommit(added: added)))
        diagnostics.append(BenchDiagnostic(
            name: "commit_builder_\(added)_adds", value: BenchUnit.milliseconds.fromSeconds(Stopwatch.median(builderSamples)),
            unit: "ms", note: "part of add_\(added)_members_commit spent in CommitBuilder.adding"))
        diagnostics += try welcomeSealDiagnostics(welcome: welcome, recipient: members[0].bundle.keyPackage.initKey)

        // join_welcome_n{N}: different members join from the same Welcome; the first is kept.
        log("n=\(size): join")
        samples = []
        var receiver: Group?
        for index in 0..<plan.join(size: size) {
            let member = members[index]
            let timed = try await Stopwatch.time {
                try await member.client.join(welcome, keyPackage: member.bundle, ratchetTree: addOutput.ratchetTree)
            }
            samples.append(timed.seconds)
            if index == 0 { receiver = timed.result }
        }
        guard var joined = receiver, joined.epoch == creatorGroup.epoch else {
            throw BenchError.check("the joined member is not in the creator's epoch")
        }
        figures.append(figure("join_welcome_n\(size)", samples, .milliseconds, FloorModel.join(leaves: size)))

        // commit_create_n{N} and commit_process_n{N}: one epoch per run.
        log("n=\(size): path commits")
        var createSamples: [Double] = []
        var processSamples: [Double] = []
        var createCount = OperationCount()
        var processCount = OperationCount()
        for _ in 0..<plan.pathCommit(size: size) {
            let treeBefore = joined.tree
            let timed = try await Stopwatch.time { try await creatorGroup.commit(creatorGroup.commitBuilder().withPath()) }
            createSamples.append(timed.seconds)
            _ = try creatorGroup.mergePendingCommit()
            let path = try Self.updatePath(of: timed.result.commit)
            createCount = FloorModel.pathCommitCreation(
                pathNodes: path.nodes.count, ciphertexts: path.nodes.reduce(0) { $0 + $1.encryptedPathSecret.count })
            processCount = FloorModel.pathCommitProcessing(
                derivedNodes: Self.derivedNodes(tree: treeBefore, committer: creatorGroup.ownLeaf, receiver: joined.ownLeaf))
            let processed = try await Stopwatch.time { try await joined.process(timed.result.commit) }
            processSamples.append(processed.seconds)
            guard case .commit = processed.result, joined.epochAuthenticator == creatorGroup.epochAuthenticator else {
                throw BenchError.check("the member did not reach the creator's epoch")
            }
        }
        figures.append(figure("commit_create_n\(size)", createSamples, .milliseconds, createCount))
        figures.append(figure("commit_process_n\(size)", processSamples, .milliseconds, processCount))
        diagnostics.append(try treeHashDiagnostic(tree: joined.tree))

        // app_encrypt_n{N} and app_decrypt_n{N}: 100-byte payloads from the creator to the member.
        log("n=\(size): application messages")
        let payload = creator.provider.randomBytes(count: Self.payloadSize)
        var messages: [MLSMessage] = []
        samples = []
        for _ in 0..<plan.application {
            let timed = try Stopwatch.timeSync { try creatorGroup.encrypt(payload) }
            samples.append(timed.seconds)
            messages.append(timed.result)
        }
        figures.append(figure("app_encrypt_n\(size)", samples, .microseconds, FloorModel.applicationEncrypt()))
        samples = []
        for message in messages {
            let timed = try await Stopwatch.time { try await joined.process(message) }
            samples.append(timed.seconds)
            guard case .application(let received) = timed.result, received.data == payload else {
                throw BenchError.check("the member did not decrypt the payload")
            }
        }
        figures.append(figure("app_decrypt_n\(size)", samples, .microseconds, FloorModel.applicationDecrypt()))
        return (figures, diagnostics)
    }

    /// The time to hash the whole tree from scratch (§7.8): the share of commit creation and
    /// processing that grows with N when no tree hash is kept from one epoch to the next.
    private func treeHashDiagnostic(tree: RatchetTree) throws -> BenchDiagnostic {
        let provider = try DefaultCryptoProvider().provider(for: Self.suite)
        var samples: [Double] = []
        for _ in 0..<min(plan.iterations ?? 10, 10) {
            samples.append(Stopwatch.timeSync { tree.treeHash(provider: provider) }.seconds)
        }
        return BenchDiagnostic(
            name: "tree_hash_n\(size)", value: BenchUnit.milliseconds.fromSeconds(Stopwatch.median(samples)), unit: "ms",
            note: "one full RatchetTree.treeHash of the \(size)-member tree")
    }

    /// The Welcome's GroupSecrets are HPKE-sealed with the encrypted GroupInfo, which holds the
    /// whole tree, as context (§12.4.3.1): its size and the cost of one such seal, to compare
    /// with `primitive_hpke_seal` (a short info).
    private func welcomeSealDiagnostics(welcome: MLSMessage, recipient: [UInt8]) throws -> [BenchDiagnostic] {
        guard case .welcome(let body) = welcome.body else { throw BenchError.check("not a Welcome") }
        let provider = try DefaultCryptoProvider().provider(for: Self.suite)
        let plaintext = provider.randomBytes(count: PrimitiveCosts.InputSize.hpkePlaintext)
        var samples: [Double] = []
        for _ in 0..<min(plan.iterations ?? 20, 20) {
            samples.append(try Stopwatch.timeSync {
                try provider.encryptWithLabel(
                    publicKey: recipient, label: "Welcome", context: body.encryptedGroupInfo, plaintext: plaintext)
            }.seconds)
        }
        return [
            BenchDiagnostic(
                name: "welcome_group_info_n\(size)", value: Double(body.encryptedGroupInfo.count), unit: "bytes",
                note: "encrypted GroupInfo, the HPKE context of every EncryptedGroupSecrets"),
            BenchDiagnostic(
                name: "welcome_seal_n\(size)", value: BenchUnit.microseconds.fromSeconds(Stopwatch.median(samples)),
                unit: "us", note: "one EncryptWithLabel(init_key, \"Welcome\", encrypted GroupInfo, GroupSecrets)"),
        ]
    }

    private func figure(_ name: String, _ samples: [Double], _ unit: BenchUnit, _ count: OperationCount) -> BenchFigure {
        BenchFigure(
            name: name, seconds: Stopwatch.median(samples), unit: unit, floorSeconds: 0, repetitions: samples.count,
            operations: count)
    }

    /// The UpdatePath of a commit sent as a PublicMessage.
    static func updatePath(of message: MLSMessage) throws -> UpdatePath {
        guard case .publicMessage(let publicMessage) = message.body,
              case .commit(let commit) = publicMessage.content.body, let path = commit.path
        else { throw BenchError.check("the commit carries no UpdatePath") }
        return path
    }

    /// How many nodes of the committer's filtered direct path lie at or above its lowest common
    /// ancestor with `receiver`: the key pairs the receiver derives and checks.
    static func derivedNodes(tree: RatchetTree, committer: LeafIndex, receiver: LeafIndex) -> Int {
        let ancestor = tree.size.commonAncestor(committer.nodeIndex, receiver.nodeIndex)
        let path = tree.filteredDirectPath(of: committer)
        guard let position = path.firstIndex(where: { $0.node == ancestor }) else { return 0 }
        return path.count - position
    }
}
