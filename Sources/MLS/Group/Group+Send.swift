extension Group {
    /// Encrypts application data as a PrivateMessage with our application ratchet (§15).
    /// - Throws: `GroupError.groupInactive` once we were removed or the group was reinitialized.
    public mutating func encrypt(_ plaintext: [UInt8], authenticatedData: [UInt8] = []) throws(GroupError) -> MLSMessage {
        guard status == .active else { throw .groupInactive }
        var copy = self
        let message = try copy.frame(
            .application(plaintext), authenticatedData: authenticatedData, wireFormat: .privateMessage
        ).message
        self = copy
        return message
    }

    /// Sends a proposal (§12.1) in the group's handshake wire format; it is cached so that
    /// our own later commit can include it by reference.
    public mutating func propose(_ proposal: Proposal, authenticatedData: [UInt8] = []) throws(GroupError) -> MLSMessage {
        guard status == .active else { throw .groupInactive }
        if case .update = proposal { throw .invalidOperation("use proposeUpdate() for an Update") }
        if case .externalInit = proposal { throw .invalidOperation("ExternalInit is only sent inside a commit") }
        if case .selfRemove = proposal { throw .invalidOperation("use proposeSelfRemove() for a SelfRemove") }
        try checkAddsSupportGroupParameters([proposal])
        var copy = self
        let framed = try copy.frame(.proposal(proposal), authenticatedData: authenticatedData, wireFormat: handshakeWireFormat)
        copy.proposals.append(ProposalCacheEntry(ref: copy.proposalRef(framed.content), proposal: proposal, sender: .member(ownLeaf)))
        self = copy
        return framed.message
    }

    /// Proposes replacing our leaf with one holding a fresh encryption key (§12.1.2). Its private
    /// key is kept until a commit applies the proposal.
    public mutating func proposeUpdate(authenticatedData: [UInt8] = []) throws(GroupError) -> MLSMessage {
        guard status == .active else { throw .groupInactive }
        guard var leaf = tree.leaf(ownLeaf) else { throw .invalidOperation("our leaf is not in the tree") }
        let pair = try lift(GroupError.crypto) { () throws(CryptoError) in try provider.generateHPKEKeyPair() }
        leaf.encryptionKey = pair.publicKey
        leaf.source = .update
        try lift(GroupError.crypto) { () throws(CryptoError) in
            try leaf.resign(keyPair: signatureKeyPair, groupID: context.groupID, leafIndex: ownLeaf, provider: provider)
        }
        var copy = self
        let framed = try copy.frame(.proposal(.update(leaf)), authenticatedData: authenticatedData, wireFormat: handshakeWireFormat)
        copy.proposals.append(ProposalCacheEntry(
            ref: copy.proposalRef(framed.content), proposal: .update(leaf), sender: .member(ownLeaf)))
        copy.pendingUpdateKeys[pair.publicKey] = pair.privateKey
        self = copy
        return framed.message
    }

    /// Asks to leave the group with a SelfRemove proposal (draft-ietf-mls-extensions), always as a
    /// PublicMessage ("these proposals MUST be sent in an MLS PublicMessage"). Any other member's next commit
    /// includes it by reference and removes us.
    ///
    /// The proposal is cached, so that we can process the commit that removes us, but our own commits leave it
    /// out: a member cannot commit its own removal. Send it once per epoch ("A client MUST NOT issue more than
    /// one SelfRemove proposal per epoch").
    ///
    /// - Throws: `GroupError.invalidOperation` when some member does not list `self_remove` in its
    ///   capabilities (the group is not "self-remove-capable"); `.groupInactive` after leaving.
    public mutating func proposeSelfRemove(authenticatedData: [UInt8] = []) throws(GroupError) -> MLSMessage {
        guard status == .active else { throw .groupInactive }
        guard isSelfRemoveCapable else {
            throw .invalidOperation("not every member supports SelfRemove; propose a Remove of our leaf instead")
        }
        var copy = self
        let framed = try copy.frame(.proposal(.selfRemove), authenticatedData: authenticatedData, wireFormat: .publicMessage)
        copy.proposals.append(ProposalCacheEntry(
            ref: copy.proposalRef(framed.content), proposal: .selfRemove, sender: .member(ownLeaf)))
        self = copy
        return framed.message
    }

    /// Whether every member lists `self_remove` in its capabilities: SelfRemove works only then
    /// (draft-ietf-mls-extensions: a "self-remove-capable group").
    public var isSelfRemoveCapable: Bool {
        tree.members.allSatisfy { $0.leaf.capabilities.proposals.contains(.selfRemove) }
    }
}
