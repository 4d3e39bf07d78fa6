extension Group {
    /// Joins a group from a Welcome (RFC 9420 §12.4.3.1).
    ///
    /// - Parameters:
    ///   - welcome: the Welcome naming `keyPackage`.
    ///   - keyPackage: our KeyPackage with its private keys; its init key is used here only.
    ///   - signatureKeyPair: the signature key pair of the KeyPackage's leaf.
    ///   - ratchetTree: the tree, when the Welcome's GroupInfo does not carry it.
    /// - Throws: `GroupError` when anything about the Welcome, the GroupInfo or the tree is invalid.
    public static func join(
        welcome: Welcome,
        keyPackage: KeyPackageBundle,
        signatureKeyPair: SignatureKeyPair,
        ratchetTree: RatchetTreeNodes? = nil,
        crypto: any CryptoProvider,
        configuration: GroupConfiguration = .default,
        services: GroupServices = .system
    ) async throws(GroupError) -> Group {
        try await joinReturningPSKs(
            welcome: welcome, keyPackage: keyPackage, signatureKeyPair: signatureKeyPair, ratchetTree: ratchetTree,
            crypto: crypto, configuration: configuration, services: services
        ).group
    }

    /// Joins from a Welcome and also returns the PSK ids its GroupSecrets named.
    static func joinReturningPSKs(
        welcome: Welcome,
        keyPackage: KeyPackageBundle,
        signatureKeyPair: SignatureKeyPair,
        ratchetTree: RatchetTreeNodes?,
        crypto: any CryptoProvider,
        configuration: GroupConfiguration,
        services: GroupServices
    ) async throws(GroupError) -> (group: Group, psks: [PreSharedKeyID]) {
        let provider = try lift(GroupError.crypto) { () throws(CryptoError) in
            try crypto.provider(for: welcome.cipherSuite)
        }
        let store = services.psks
        let opened = try lift(GroupError.welcome) { () throws(WelcomeError) in
            try welcome.open(with: keyPackage, provider: provider) { id in
                switch id.kind {
                case .external(let pskID): store.externalPSK(id: pskID)
                case .resumption(_, let groupID, let epoch): store.resumptionPSK(groupID: groupID, epoch: epoch)
                }
            }
        }
        let groupInfo = opened.groupInfo
        let context = groupInfo.groupContext
        // §11.2, §11.3, §12.4.3.1: a reinit or branch PSK only starts a new group at epoch 1.
        for psk in opened.groupSecrets.psks {
            if case .resumption(let usage, _, _) = psk.kind, usage != .application, context.epoch != 1 {
                throw .invalidOperation("a Welcome with a reinit or branch PSK must be for epoch 1")
            }
        }

        let tree = try await verifiedTree(
            of: groupInfo, ratchetTree: ratchetTree, provider: provider, services: services)
        guard let own = tree.members.first(where: { $0.leaf == keyPackage.keyPackage.leafNode })?.index else {
            throw .ownLeafNotFound
        }

        let schedule = try lift(GroupError.welcome) { () throws(WelcomeError) in try opened.keySchedule(provider: provider) }
        try lift(GroupError.welcome) { () throws(WelcomeError) in
            try groupInfo.verifyConfirmationTag(confirmationKey: schedule.epochSecrets.confirmationKey.bytes, provider: provider)
        }

        var keys = TreePrivateKeys(leafIndex: own, leafPrivateKey: keyPackage.encryptionPrivateKey)
        if let pathSecret = opened.groupSecrets.pathSecret {
            // The path secret belongs to the lowest common ancestor of our leaf and the
            // committer's; the secrets of the non-blank nodes above it follow (§12.4.3.1).
            var secret = pathSecret.secret
            let ancestor = tree.size.commonAncestor(own.nodeIndex, groupInfo.signer.nodeIndex)
            var first = true
            for node in [ancestor] + tree.size.directPath(ancestor) {
                guard let publicKey = tree.encryptionKey(node) else { continue }
                if !first { secret = try lift(GroupError.tree) { () throws(TreeError) in try TreeKEM.nextPathSecret(secret, provider: provider) } }
                first = false
                let pair = try lift(GroupError.tree) { () throws(TreeError) in
                    try keys.set(node, pathSecret: secret, provider: provider)
                }
                guard pair.publicKey == publicKey else { throw .tree(.derivedKeyMismatch(node)) }
            }
        }

        let interim = TranscriptHash.interim(
            confirmed: context.confirmedTranscriptHash,
            input: InterimTranscriptHashInput(confirmationTag: groupInfo.confirmationTag), provider: provider)
        let secrets = schedule.epochSecrets
        let group = Group(
            provider: provider, configuration: configuration, services: services, context: context, tree: tree,
            interimTranscriptHash: interim, secrets: secrets,
            secretTree: SecretTree(
                provider: provider, encryptionSecret: secrets.encryptionSecret.bytes, size: tree.size,
                configuration: configuration.secretTree),
            privateKeys: keys, signatureKeyPair: signatureKeyPair, proposals: [], pendingCommit: nil, pastEpochs: [],
            resumptionPSKs: [context.epoch: secrets.resumptionPSK.bytes], status: .active)
        return (group, opened.groupSecrets.psks)
    }

    /// The tree of a GroupInfo, from its `ratchet_tree` extension or handed over separately
    /// (§12.4.3.3), checked as a joiner must (§12.4.3.1): its hash is the GroupContext's, it is
    /// valid, and the GroupInfo's signer is a member whose signature verifies.
    static func verifiedTree(
        of groupInfo: GroupInfo, ratchetTree: RatchetTreeNodes?, provider: any CipherSuiteProvider,
        services: GroupServices
    ) async throws(GroupError) -> RatchetTree {
        let context = groupInfo.groupContext
        let nodes: RatchetTreeNodes
        if let carried = groupInfo.extensions.first(where: { $0.type == .ratchetTree }) {
            nodes = try lift(GroupError.codec) { () throws(CodecError) in try RatchetTreeNodes(tlsEncoded: carried.data) }
        } else if let ratchetTree {
            nodes = ratchetTree
        } else {
            throw .missingRatchetTree
        }
        var tree = try lift(GroupError.tree) { () throws(TreeError) in try RatchetTree(nodes) }
        guard tree.updateTreeHash(provider: provider) == context.treeHash else { throw .treeHashMismatch }
        try await validateJoinedTree(tree, context: context, provider: provider, services: services)
        guard let signer = tree.leaf(groupInfo.signer) else { throw .invalidSigner }
        try lift(GroupError.welcome) { () throws(WelcomeError) in
            try groupInfo.verifySignature(signerKey: signer.signatureKey, provider: provider)
        }
        return tree
    }

    /// The checks on a received tree (§12.4.3.1): parent hashes, unmerged leaves, unique keys,
    /// and every leaf valid, credentials included.
    static func validateJoinedTree(
        _ tree: RatchetTree, context: GroupContext, provider: any CipherSuiteProvider, services: GroupServices
    ) async throws(GroupError) {
        try lift(GroupError.tree) { () throws(TreeError) in
            try tree.verifyParentHashes(provider: provider)
            try tree.verifyUnmergedLeaves()
            try tree.verifyUniqueEncryptionKeys()
        }
        var baseline = try LeafValidationBaseline(
            tree: tree, extensions: context.extensions, groupID: context.groupID, now: nil, maximumLifetime: nil)
        let members = tree.members
        let signatureValid = await leafSignaturesAreValid(
            members, groupID: context.groupID, provider: provider, parallelism: services.parallelism)
        for ((index, leaf), hasValidSignature) in zip(members, signatureValid) {
            baseline.remove(leaf)
            try lift(GroupError.leafNode) { () throws(LeafNodeValidationError) in
                try LeafNodeValidator.validate(
                    leaf, context: baseline.context(
                        for: .ratchetTree(groupID: context.groupID, leafIndex: index), checkLifetime: false),
                    provider: provider, hasValidSignature: hasValidSignature)
            }
            baseline.insert(leaf)
            let result = await services.credentialValidator.validate(
                leaf.credential, signatureKey: leaf.signatureKey, suite: context.cipherSuite)
            if case .invalid(let reason) = result { throw .credentialRejected(reason) }
        }
    }

    /// VAL-LEAF-01 for every leaf of a received tree, in order: whether each leaf's signature
    /// verifies. The leaves are split in at most `parallelism` contiguous shares, verified concurrently.
    static func leafSignaturesAreValid(
        _ members: [(index: LeafIndex, leaf: LeafNode)], groupID: [UInt8], provider: any CipherSuiteProvider,
        parallelism: Int
    ) async -> [Bool] {
        let shareCount = min(parallelism, members.count / minimumShare)
        guard shareCount > 1 else { return verifyLeafSignatures(members[...], groupID: groupID, provider: provider) }
        let shareSize = (members.count + shareCount - 1) / shareCount
        return await withTaskGroup(of: (start: Int, valid: [Bool]).self) { group in
            for start in stride(from: 0, to: members.count, by: shareSize) {
                let share = members[start..<min(start + shareSize, members.count)]
                group.addTask { (start, verifyLeafSignatures(share, groupID: groupID, provider: provider)) }
            }
            var results = [Bool](repeating: false, count: members.count)
            for await share in group {
                results.replaceSubrange(share.start..<share.start + share.valid.count, with: share.valid)
            }
            return results
        }
    }

    /// Whether each leaf's signature verifies where it sits in the tree (§7.3 for `ratchet_tree`).
    private static func verifyLeafSignatures(
        _ members: ArraySlice<(index: LeafIndex, leaf: LeafNode)>, groupID: [UInt8], provider: any CipherSuiteProvider
    ) -> [Bool] {
        members.map { $0.leaf.hasValidSignature(groupID: groupID, leafIndex: $0.index, provider: provider) }
    }

    /// The fewest leaves worth a task of their own when verifying a tree's signatures.
    private static var minimumShare: Int { 64 }
}
