/// Describes a commit to make (RFC 9420 §12.4): the proposals to carry by value, whether to
/// include the proposals received this epoch by reference, and whether to force a path.
///
/// ```swift
/// let output = try await group.commit(group.commitBuilder().adding(keyPackage).removing(LeafIndex(3)))
/// ```
public struct CommitBuilder: Sendable {
    /// Proposals carried by value.
    public private(set) var proposals: [Proposal] = []
    /// Whether the proposals cached this epoch are committed by reference. Default: true.
    public var includeReceivedProposals = true
    /// Whether to include an UpdatePath even when no proposal requires one (a full update,
    /// for post-compromise security). Default: false.
    public var forcePath = false
    /// Authenticated but unencrypted data bound to the commit.
    public var authenticatedData: [UInt8] = []

    public init() {}

    // The builders consume `self`, so a chain of calls appends in place instead of copying
    // the proposal list each time.
    public consuming func adding(_ keyPackage: UnverifiedKeyPackage) -> Self { with(.add(keyPackage)) }
    /// Adds many members; linear in their number.
    public consuming func adding(contentsOf keyPackages: some Sequence<UnverifiedKeyPackage>) -> Self {
        proposals.append(contentsOf: keyPackages.map { .add($0) })
        return self
    }
    public consuming func removing(_ leaf: LeafIndex) -> Self { with(.remove(leaf)) }
    public consuming func settingExtensions(_ extensions: [Extension]) -> Self {
        with(.groupContextExtensions(extensions))
    }
    public consuming func injecting(_ psk: PreSharedKeyID) -> Self { with(.preSharedKey(psk)) }
    public consuming func proposing(_ proposal: Proposal) -> Self { with(proposal) }

    /// A commit with an UpdatePath even without proposals that need one.
    public func withPath() -> Self {
        var copy = self
        copy.forcePath = true
        return copy
    }

    /// A commit that ignores the proposals received this epoch.
    public func ignoringReceivedProposals() -> Self {
        var copy = self
        copy.includeReceivedProposals = false
        return copy
    }

    private consuming func with(_ proposal: Proposal) -> Self {
        proposals.append(proposal)
        return self
    }
}

/// What a commit produced: the messages to hand to the Delivery Service.
public struct CommitOutput: Sendable {
    /// The commit, in the group's handshake wire format.
    public var commit: MLSMessage
    /// The Welcome for the members it adds, if any.
    public var welcome: MLSMessage?
    /// The GroupInfo of the new epoch, signed by us (for external joins and Welcome delivery).
    public var groupInfo: MLSMessage
    /// The new tree, for new members, when it is not in the Welcome.
    public var ratchetTree: RatchetTreeNodes?
}
