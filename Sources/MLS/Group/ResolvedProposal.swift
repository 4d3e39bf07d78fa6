/// A proposal of a commit with its sender: the committer for proposals by value, the original
/// sender for proposals by reference (§12.4).
public struct ResolvedProposal: Sendable {
    public var proposal: Proposal
    public var sender: Sender

    public init(proposal: Proposal, sender: Sender) {
        self.proposal = proposal
        self.sender = sender
    }
}

/// What applying a commit's proposal list (§12.3) did to a copy of the group.
struct AppliedProposals: Sendable {
    var tree: RatchetTree
    var extensions: [Extension]
    var added: [LeafIndex] = []
    var addedKeyPackages: [UnverifiedKeyPackage] = []
    var removed: [LeafIndex] = []
    /// The part of `removed` that SelfRemove proposals removed.
    var selfRemoved: [LeafIndex] = []
    var updated: [LeafIndex] = []
    var psks: [PreSharedKeyID] = []
    var reinit: ReInit?
    var externalInit: [UInt8]?
    /// §12.4: Update, Remove, ExternalInit and GroupContextExtensions proposals, or none at
    /// all, require an UpdatePath.
    var pathRequired: Bool
    /// The leaf-validation inputs of the tree after the proposals, for the committer's path leaf.
    var baseline: LeafValidationBaseline
}
