/// The state of the next epoch, computed from a commit but not yet installed.
struct StagedEpoch: Sendable {
    var context: GroupContext
    var tree: RatchetTree
    var interimTranscriptHash: [UInt8]
    /// Nil when the commit removed us: we cannot, and need not, learn the new secrets.
    var secrets: EpochSecrets?
    var privateKeys: TreePrivateKeys
    var summary: CommitSummary
}

/// Our own commit, sent to the Delivery Service and awaiting its echo (RFC 9750 §5.2).
struct PendingCommit: Sendable {
    /// The message as sent, by which the echo is recognized: we cannot decrypt our own
    /// PrivateMessage, whose key we consumed when sending it.
    var message: MLSMessage
    var staged: StagedEpoch
}
