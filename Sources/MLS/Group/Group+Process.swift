extension Group {
    /// Processes a message received for this group (RFC 9420 §6, §12).
    ///
    /// Application messages are decrypted, proposals verified and cached, commits applied. Our
    /// own pending commit, echoed back by the Delivery Service, is merged; a commit of another
    /// member for the same epoch discards it (RFC 9750 §5.2: one commit per epoch).
    ///
    /// - Throws: `GroupError`; the group is then exactly as it was.
    public mutating func process(_ message: MLSMessage) async throws(GroupError) -> ProcessedMessage {
        var copy = self
        let result = try await copy.processInPlace(message)
        self = copy
        return result
    }

    private mutating func processInPlace(_ message: MLSMessage) async throws(GroupError) -> ProcessedMessage {
        if let pending = pendingCommit, pending.message == message {
            var summary = pending.staged.summary
            summary.isOwnCommit = true
            install(pending.staged)
            return .commit(summary)
        }
        let content: AuthenticatedContent
        switch message.body {
        case .publicMessage(let publicMessage):
            guard status == .active else { throw .groupInactive }
            content = try verify(publicMessage)
        case .privateMessage(let privateMessage):
            if status != .active, privateMessage.contentType != .application { throw .groupInactive }
            content = try open(privateMessage)
        default:
            throw .unexpectedWireFormat(message.wireFormat)
        }
        switch content.content.body {
        case .application(let data):
            guard case .member(let sender) = content.content.sender else { throw .unknownSender(content.content.sender) }
            let tree = content.content.epoch == context.epoch
                ? self.tree : pastEpochs.first { $0.epoch == content.content.epoch }?.tree
            guard let credential = tree?.leaf(sender)?.credential else { throw .unknownSender(content.content.sender) }
            return .application(ApplicationMessage(
                sender: sender, epoch: content.content.epoch, data: data,
                authenticatedData: content.content.authenticatedData, senderCredential: credential))
        case .proposal(let proposal):
            return .proposal(try cacheProposal(proposal, content: content))
        case .commit:
            if case .member(let sender) = content.content.sender, sender == ownLeaf { throw .ownMessage }
            let staged = try await stage(content)
            install(staged)
            return .commit(staged.summary)
        }
    }

    /// Verifies what can be verified of a proposal on its own (§12.1) and caches it.
    private mutating func cacheProposal(_ proposal: Proposal, content: AuthenticatedContent) throws(GroupError)
        -> ProposalMessage
    {
        let sender = content.content.sender
        try checkProposalSender(proposal, sender: sender)
        try checkProposalWireFormat(proposal, wireFormat: content.wireFormat)
        let ref = proposalRef(content)
        if !proposals.contains(where: { $0.ref == ref }) {
            proposals.append(ProposalCacheEntry(ref: ref, proposal: proposal, sender: sender))
        }
        return ProposalMessage(sender: sender, proposal: proposal, ref: ref)
    }
}

extension GroupStateReading {
    /// Whether a sender may send this proposal on its own (§12.1, §12.1.8).
    func checkProposalSender(_ proposal: Proposal, sender: Sender) throws(GroupError) {
        switch (sender, proposal) {
        case (.member, _), (.newMemberProposal, .add):
            break
        case (.external, .add), (.external, .remove), (.external, .groupContextExtensions), (.external, .reInit),
            (.external, .preSharedKey):
            // §12.1.8: proposal types an external sender may send; its signature was checked
            // against the external_senders extension.
            break
        default:
            throw .unknownSender(sender)
        }
        if case .externalInit = proposal { throw .invalidProposalList("ExternalInit sent as a proposal") }
    }

    /// draft-ietf-mls-extensions: SelfRemove proposals "MUST be sent in an MLS PublicMessage", so that
    /// external joiners can see them.
    func checkProposalWireFormat(_ proposal: Proposal, wireFormat: WireFormat) throws(GroupError) {
        if case .selfRemove = proposal, wireFormat != .publicMessage {
            throw .invalidProposalList("a SelfRemove not sent as a PublicMessage")
        }
    }
}
