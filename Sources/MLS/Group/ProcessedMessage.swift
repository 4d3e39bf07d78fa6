/// What processing a message produced (RFC 9420 §12, §15).
public enum ProcessedMessage: Sendable {
    case application(ApplicationMessage)
    /// A proposal, cached for a later commit that references it.
    case proposal(ProposalMessage)
    /// A commit that advanced the group to a new epoch, possibly our own echoed back.
    case commit(CommitSummary)
}

/// A decrypted application message.
public struct ApplicationMessage: Hashable, Sendable {
    public var sender: LeafIndex
    public var epoch: UInt64
    public var data: [UInt8]
    public var authenticatedData: [UInt8]
    /// The credential of the sender's leaf in the tree of the message's epoch, whose signature key verified it.
    /// A message of a past epoch names its sender as it was then, even if the leaf has since changed hands.
    public var senderCredential: Credential
}

/// A received, verified proposal.
public struct ProposalMessage: Hashable, Sendable {
    public var sender: Sender
    public var proposal: Proposal
    /// Its ProposalRef (§5.2), by which a commit may include it.
    public var ref: [UInt8]
}

/// The effect of a commit on the group.
public struct CommitSummary: Hashable, Sendable {
    public var committer: Sender
    /// The epoch the commit started.
    public var epoch: UInt64
    /// Leaves filled by Add proposals, in order.
    public var added: [LeafIndex]
    /// Leaves emptied by Remove proposals.
    public var removed: [LeafIndex]
    /// Leaves replaced by Update proposals or the committer's path.
    public var updated: [LeafIndex]
    /// Whether this was our own commit, merged after the Delivery Service echoed it.
    public var isOwnCommit: Bool
    /// A ReInit this commit carried: the group is now frozen (§11.2).
    public var reinit: ReInit?
    /// Whether this commit removed us.
    public var removedSelf: Bool
}
