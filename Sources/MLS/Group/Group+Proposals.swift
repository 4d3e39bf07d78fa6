extension GroupStateReading {
    /// The ProposalRef of a proposal's AuthenticatedContent (§5.2).
    func proposalRef(_ content: AuthenticatedContent) -> [UInt8] {
        provider.proposalRef(encodedAuthenticatedContent: content.tlsEncoded)
    }

    /// Resolves a commit's proposals: by value from the committer, by reference from the cache.
    func resolve(_ commit: Commit, committer: Sender) throws(GroupError) -> [ResolvedProposal] {
        var resolved: [ResolvedProposal] = []
        resolved.reserveCapacity(commit.proposals.count)
        let cache = Dictionary(proposals.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        for item in commit.proposals {
            switch item {
            case .proposal(let proposal):
                // draft-ietf-mls-extensions: "SelfRemove proposals are only allowed in a Commit by reference."
                if case .selfRemove = proposal { throw .invalidProposalList("a SelfRemove by value") }
                resolved.append(ResolvedProposal(proposal: proposal, sender: committer))
            case .reference(let ref):
                // §12.4.3.2: an external joiner cannot know the group's proposals, except the SelfRemoves that
                // draft-ietf-mls-extensions has it fetch and include by reference.
                if committer == .newMemberCommit, cache[ref]?.proposal != .selfRemove {
                    throw .invalidProposalList("an external commit with a proposal by reference")
                }
                guard let entry = cache[ref] else { throw .unknownProposalReference }
                resolved.append(ResolvedProposal(proposal: entry.proposal, sender: entry.sender))
            }
        }
        return resolved
    }

    /// Validates a commit's proposal list (§12.2) and applies it to copies of the tree and
    /// extensions (§12.3), in the RFC's order: GroupContextExtensions, Updates, Removes, Adds,
    /// then PSKs, ExternalInit and ReInit are noted.
    ///
    /// - Parameters:
    ///   - committer: the committing member, or nil for an external commit.
    ///   - receiving: whether we process someone's commit (KeyPackage lifetimes are then checked
    ///     only as configured) or make our own (always checked).
    func apply(_ list: [ResolvedProposal], committer: LeafIndex?, receiving: Bool) async throws(GroupError)
        -> AppliedProposals
    {
        func invalid(_ rule: String) -> GroupError { .invalidProposalList(rule) }
        var extensionsProposal: [Extension]?
        var updates: [(LeafIndex, LeafNode)] = []
        var removes: [LeafIndex] = []
        var selfRemoves: [LeafIndex] = []
        var adds: [UnverifiedKeyPackage] = []
        var psks: [PreSharedKeyID] = []
        var reinit: ReInit?
        var externalInit: [UInt8]?
        var touched = Set<LeafIndex>()
        var pathRequired = list.isEmpty

        for item in list {
            switch item.proposal {
            case .groupContextExtensions(let extensions):
                guard extensionsProposal == nil else { throw invalid("more than one GroupContextExtensions") }
                extensionsProposal = extensions
                pathRequired = true
            case .update(let leaf):
                guard case .member(let sender) = item.sender, tree.leaf(sender) != nil else {
                    throw invalid("Update from a non-member")
                }
                guard sender != committer else { throw invalid("Update from the committer") }
                guard touched.insert(sender).inserted else { throw invalid("several Updates or Removes for one leaf") }
                updates.append((sender, leaf))
                pathRequired = true
            case .remove(let removed):
                guard tree.leaf(removed) != nil else { throw invalid("Remove of a blank or absent leaf") }
                guard removed != committer else { throw invalid("Remove of the committer") }
                guard touched.insert(removed).inserted else {
                    throw invalid("several Updates or Removes for one leaf")
                }
                removes.append(removed)
                pathRequired = true
            case .selfRemove:
                // draft-ietf-mls-extensions: treated "like a Remove Proposal, except the leaf node to remove is
                // determined by looking in the Sender `leaf_index` of the original Proposal". A Remove or Update
                // of the same leaf, or a second SelfRemove, makes the list invalid as for two Removes.
                guard case .member(let sender) = item.sender, tree.leaf(sender) != nil else {
                    throw invalid("SelfRemove from a non-member")
                }
                guard sender != committer else { throw invalid("SelfRemove from the committer") }
                guard touched.insert(sender).inserted else { throw invalid("several Updates or Removes for one leaf") }
                selfRemoves.append(sender)
                pathRequired = true
            case .add(let keyPackage):
                adds.append(keyPackage)
            case .preSharedKey(let id):
                guard !psks.contains(id) else { throw invalid("the same PreSharedKeyID twice") }
                // §12.1.4: a fresh nonce of KDF.Nh bytes each time.
                guard id.nonce.count == provider.hashLength else { throw invalid("a PSK nonce that is not KDF.Nh long") }
                // §11.2, §11.3: reinit and branch PSKs only in the first commit of a new group.
                if case .resumption(let usage, _, _) = id.kind, usage != .application, context.epoch != 0 {
                    throw invalid("a reinit or branch PSK outside the creation of a group")
                }
                psks.append(id)
            case .reInit(let value):
                guard reinit == nil else { throw invalid("more than one ReInit") }
                // §12.1.5: no downgrade of the protocol version.
                guard value.version.rawValue >= context.version.rawValue else { throw invalid("a ReInit to an older version") }
                reinit = value
            case .externalInit(let kemOutput):
                guard committer == nil, externalInit == nil else { throw invalid("ExternalInit in a member's commit") }
                externalInit = kemOutput
                pathRequired = true
            }
        }
        if reinit != nil, list.count > 1 { throw invalid("ReInit with other proposals") }
        if committer == nil {
            guard externalInit != nil else { throw invalid("external commit without ExternalInit") }
            guard adds.isEmpty, updates.isEmpty, extensionsProposal == nil, reinit == nil, removes.count <= 1 else {
                throw invalid("external commit with proposals other than ExternalInit, one Remove and PSKs")
            }
        }

        var newTree = tree
        let newExtensions = extensionsProposal ?? context.extensions
        var baseline = try LeafValidationBaseline(
            tree: newTree, extensions: newExtensions, groupID: context.groupID, now: services.now(),
            maximumLifetime: configuration.maximumKeyPackageLifetime)
        if extensionsProposal != nil {
            // §12.1.7: every member must support the new extensions and required capabilities.
            for (index, leaf) in newTree.members {
                baseline.remove(leaf)
                for groupExtension in newExtensions
                where !ExtensionType.defaultTypes.contains(groupExtension.type)
                    && !leaf.capabilities.extensions.contains(groupExtension.type)
                {
                    throw invalid("a member does not support a group context extension")
                }
                try validateLeaf(leaf, usage: .ratchetTree(groupID: context.groupID, leafIndex: index),
                                 baseline: baseline, checkLifetime: false)
                baseline.insert(leaf)
            }
        }
        for (sender, leaf) in updates {
            guard let old = newTree.leaf(sender) else { throw invalid("Update from a non-member") }
            baseline.remove(old)
            try validateLeaf(
                leaf, usage: .update(groupID: context.groupID, leafIndex: sender, replacedEncryptionKey: old.encryptionKey),
                baseline: baseline, checkLifetime: false)
            try await validateCredential(leaf)
            try lift(GroupError.tree) { () throws(TreeError) in try newTree.update(sender, with: leaf) }
            baseline.insert(leaf)
        }
        // draft-ietf-mls-extensions: SelfRemoves are applied after Updates and before Removes.
        for removed in selfRemoves + removes {
            guard let old = newTree.leaf(removed) else { throw invalid("Remove of a blank or absent leaf") }
            baseline.remove(old)
            try lift(GroupError.tree) { () throws(TreeError) in try newTree.remove(removed) }
        }
        // §12.2: invalid if "It contains a Proposal with a non-default proposal type that is not supported by some
        // members of the group that will process the Commit (i.e., members being added or removed by the Commit
        // do not need to support the proposal type)". SelfRemove is the only non-default type the core knows.
        if !selfRemoves.isEmpty {
            for (_, leaf) in newTree.members where !leaf.capabilities.proposals.contains(.selfRemove) {
                throw invalid("a proposal type some members do not support")
            }
        }
        var newLeaves: [LeafNode] = []
        newLeaves.reserveCapacity(adds.count)
        for keyPackage in adds {
            let validated: KeyPackage
            do {
                validated = try KeyPackage(
                    validating: keyPackage, provider: provider,
                    leafContext: baseline.context(
                        for: .keyPackage, checkLifetime: !receiving || configuration.checkLifetimeOfReceivedKeyPackages))
            } catch .invalidLeafNode(.duplicateSignatureKey) {
                throw invalid("an Add for a client already in the group")
            } catch {
                throw .keyPackage(error)
            }
            try await validateCredential(validated.keyPackage.leafNode)
            newLeaves.append(validated.keyPackage.leafNode)
            baseline.insert(validated.keyPackage.leafNode)
        }
        let added = newTree.add(newLeaves)
        return AppliedProposals(
            tree: newTree, extensions: newExtensions, added: added, addedKeyPackages: adds, removed: selfRemoves + removes,
            selfRemoved: selfRemoves,
            updated: updates.map(\.0), psks: psks, reinit: reinit, externalInit: externalInit,
            pathRequired: pathRequired, baseline: baseline)
    }

    /// Runs leaf validation (§7.3) against the baseline.
    func validateLeaf(
        _ leaf: LeafNode, usage: LeafNodeUsage, baseline: LeafValidationBaseline, checkLifetime: Bool
    ) throws(GroupError) {
        try lift(GroupError.leafNode) { () throws(LeafNodeValidationError) in
            try LeafNodeValidator.validate(
                leaf, context: baseline.context(for: usage, checkLifetime: checkLifetime), provider: provider)
        }
    }

    /// Asks the Authentication Service hook about a leaf's credential (RFC 9750 §6.5).
    func validateCredential(_ leaf: LeafNode) async throws(GroupError) {
        let result = await services.credentialValidator.validate(
            leaf.credential, signatureKey: leaf.signatureKey, suite: context.cipherSuite)
        if case .invalid(let reason) = result { throw .credentialRejected(reason) }
    }
}

extension Group {

    /// The PSKs a commit or Welcome names, resolved (§8.4).
    func resolvePSKs(_ ids: [PreSharedKeyID]) throws(GroupError) -> [(id: PreSharedKeyID, psk: [UInt8])] {
        var result: [(id: PreSharedKeyID, psk: [UInt8])] = []
        for id in ids {
            let psk: [UInt8]?
            switch id.kind {
            case .external(let pskID):
                psk = services.psks.externalPSK(id: pskID)
            case .resumption(_, let groupID, let epoch):
                if groupID == context.groupID, let own = resumptionPSKs[epoch] {
                    psk = own
                } else {
                    psk = services.psks.resumptionPSK(groupID: groupID, epoch: epoch)
                }
            }
            guard let psk else { throw .missingPSK(id) }
            result.append((id, psk))
        }
        return result
    }
}
