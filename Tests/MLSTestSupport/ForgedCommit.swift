@testable import MLS

/// Commits as an implementation that skips validation sends them, for tests of receivers' rules.
public enum ForgedCommit {
    /// A commit by `committer` of `proposals` without a path, signed and tagged as a member's, with a zero
    /// confirmation tag. Receivers must refuse it on the proposal rules, before they reach the confirmation tag.
    /// - Parameters:
    ///   - committer: The committing member; its state is not advanced.
    ///   - proposals: The proposals, by value or by reference.
    /// - Returns: The commit as a PublicMessage.
    public static func make(by committer: inout Group, proposals: [ProposalOrRef]) throws -> MLSMessage {
        let content = FramedContent(
            groupID: committer.context.groupID, epoch: committer.context.epoch, sender: .member(committer.ownLeaf),
            authenticatedData: [], body: .commit(Commit(proposals: proposals, path: nil)))
        let signature = try AuthenticatedContent.signature(
            wireFormat: .publicMessage, content: content, serializedGroupContext: committer.context.tlsEncoded,
            signer: committer.signatureKeyPair, provider: committer.provider)
        return try committer.protect(
            wireFormat: .publicMessage, content: content, signature: signature,
            confirmationTag: Array(repeating: 0, count: committer.provider.hashLength)
        ).message
    }

    /// Another implementation's commit adding `keyPackage` without MLSGate's sending-side check that it lists
    /// the group's version and suite (RFC 9420 §11); otherwise a valid commit, pending in `committer`.
    public static func addingUnchecked(_ keyPackage: UnverifiedKeyPackage, by committer: inout Group) async throws -> CommitOutput {
        try await committer.makeCommit(committer.commitBuilder().adding(keyPackage))
    }
}
