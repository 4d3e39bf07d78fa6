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
}
