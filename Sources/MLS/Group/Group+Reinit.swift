extension Group {
    /// Creates the successor of a group whose ReInit was committed (RFC 9420 §11.2): a group with
    /// the ReInit's parameters, whose first commit adds `keyPackages` (the other members, in the
    /// new suite) and injects a `reinit` resumption PSK of this group's current epoch.
    ///
    /// Marks this group as reinitialized, so that no other successor is accepted.
    public mutating func reinitialize(client: Client, keyPackages: [UnverifiedKeyPackage]) async throws(GroupError)
        -> (group: Group, output: CommitOutput)
    {
        guard case .reinitPending(let reinit) = status else { throw .invalidOperation("no ReInit was committed") }
        guard client.provider.suite == reinit.cipherSuite else {
            throw .invalidOperation("the client's suite is not the ReInit's")
        }
        let result = try await startLinkedGroup(
            client: client, groupID: reinit.groupID, extensions: reinit.extensions, keyPackages: keyPackages,
            usage: .reinit)
        status = .reinitialized(successor: reinit.groupID)
        return result
    }

    /// Joins the successor of a reinitialized group from its Welcome (§11.2), checking that it
    /// matches the committed ReInit and is linked to this group by the `reinit` PSK. Marks this
    /// group as reinitialized: only one successor is accepted.
    public mutating func joinSuccessor(
        _ welcome: MLSMessage, keyPackage: KeyPackageBundle, client: Client, ratchetTree: RatchetTreeNodes? = nil
    ) async throws(GroupError) -> Group {
        guard case .reinitPending(let reinit) = status else {
            throw .invalidOperation("no ReInit is pending; a successor was already accepted or none was committed")
        }
        let (group, psks) = try await joinLinked(welcome, keyPackage: keyPackage, client: client, ratchetTree: ratchetTree)
        let context = group.context
        guard context.groupID == reinit.groupID, context.version == reinit.version,
            context.cipherSuite == reinit.cipherSuite, context.extensions == reinit.extensions
        else { throw .invalidOperation("the successor does not match the ReInit") }
        guard psks.contains(where: { $0.kind == .resumption(usage: .reinit, groupID: groupID, epoch: epoch) }) else {
            throw .invalidOperation("the Welcome lacks the reinit PSK of this group")
        }
        status = .reinitialized(successor: reinit.groupID)
        return group
    }

    /// Creates a subgroup of some current members (§11.3), linked by a `branch` resumption PSK.
    public func branch(client: Client, keyPackages: [UnverifiedKeyPackage], groupID newGroupID: [UInt8]? = nil)
        async throws(GroupError) -> (group: Group, output: CommitOutput)
    {
        guard status == .active else { throw .groupInactive }
        guard client.provider.suite == cipherSuite else { throw .invalidOperation("a branch keeps the suite") }
        return try await startLinkedGroup(
            client: client, groupID: newGroupID, extensions: context.extensions, keyPackages: keyPackages,
            usage: .branch)
    }

    /// Joins a subgroup branched from this group (§11.3): same version and suite, epoch 1, the
    /// `branch` PSK of this group, and every member of the subgroup a member here.
    public func joinBranch(
        _ welcome: MLSMessage, keyPackage: KeyPackageBundle, client: Client, ratchetTree: RatchetTreeNodes? = nil
    ) async throws(GroupError) -> Group {
        let (group, psks) = try await joinLinked(welcome, keyPackage: keyPackage, client: client, ratchetTree: ratchetTree)
        guard group.context.version == context.version, group.cipherSuite == cipherSuite else {
            throw .invalidOperation("a branch keeps the version and suite")
        }
        guard psks.contains(where: {
            if case .resumption(.branch, let id, _) = $0.kind { id == groupID } else { false }
        }) else { throw .invalidOperation("the Welcome lacks a branch PSK of this group") }
        let credentials = Set(members.map(\.leaf.credential))
        for (_, leaf) in group.members where !credentials.contains(leaf.credential) {
            throw .invalidOperation("a member of the branch is not a member of this group")
        }
        return group
    }

    private func startLinkedGroup(
        client: Client, groupID newGroupID: [UInt8]?, extensions: [Extension], keyPackages: [UnverifiedKeyPackage],
        usage: ResumptionPSKUsage
    ) async throws(GroupError) -> (group: Group, output: CommitOutput) {
        var successor = try client.createGroup(groupID: newGroupID, extensions: extensions)
        let store = successor.services.psks
        successor.services.psks = OverlayPSKStore(base: store, groupID: groupID, resumption: resumptionPSKs)
        var builder = successor.commitBuilder().injecting(PreSharedKeyID(
            kind: .resumption(usage: usage, groupID: groupID, epoch: epoch),
            nonce: successor.provider.randomBytes(count: successor.provider.hashLength)))
        for keyPackage in keyPackages { builder = builder.adding(keyPackage) }
        let output = try await successor.commit(builder)
        _ = try successor.mergePendingCommit()
        successor.services.psks = store
        return (successor, output)
    }

    private func joinLinked(
        _ welcome: MLSMessage, keyPackage: KeyPackageBundle, client: Client, ratchetTree: RatchetTreeNodes?
    ) async throws(GroupError) -> (group: Group, psks: [PreSharedKeyID]) {
        guard case .welcome(let body) = welcome.body else { throw .unexpectedWireFormat(welcome.wireFormat) }
        var services = client.services
        services.psks = OverlayPSKStore(base: client.services.psks, groupID: groupID, resumption: resumptionPSKs)
        var (group, psks) = try await Group.joinReturningPSKs(
            welcome: body, keyPackage: keyPackage, signatureKeyPair: client.signatureKeyPair, ratchetTree: ratchetTree,
            crypto: client.crypto, configuration: client.configuration, services: services)
        group.services = client.services
        return (group, psks)
    }
}
