/// Proposals from outside the membership (RFC 9420 §12.1.8): from an external sender listed in
/// the group's `external_senders` extension, such as the Delivery Service, or from a client
/// asking to be added.
public enum ExternalProposal {
    /// A proposal signed by external sender `senderIndex`, as a PublicMessage (no membership tag;
    /// the signature covers no GroupContext, §6.1).
    ///
    /// - Throws: `GroupError.invalidOperation` for a proposal type external senders may not send.
    public static func make(
        _ proposal: Proposal,
        groupID: [UInt8],
        epoch: UInt64,
        senderIndex: UInt32,
        signaturePrivateKey: [UInt8],
        authenticatedData: [UInt8] = [],
        provider: any CipherSuiteProvider
    ) throws(GroupError) -> MLSMessage {
        switch proposal {
        case .add, .remove, .preSharedKey, .reInit, .groupContextExtensions:
            break
        case .update, .externalInit, .selfRemove:
            throw .invalidOperation("an external sender cannot send this proposal type")
        }
        return try frame(
            proposal, sender: .external(senderIndex: senderIndex), groupID: groupID, epoch: epoch,
            signaturePrivateKey: signaturePrivateKey, authenticatedData: authenticatedData, provider: provider)
    }

    /// An Add of ourselves (`new_member_proposal`), signed with our KeyPackage's key.
    public static func requestToJoin(
        keyPackage: UnverifiedKeyPackage,
        groupID: [UInt8],
        epoch: UInt64,
        signaturePrivateKey: [UInt8],
        provider: any CipherSuiteProvider
    ) throws(GroupError) -> MLSMessage {
        try frame(
            .add(keyPackage), sender: .newMemberProposal, groupID: groupID, epoch: epoch,
            signaturePrivateKey: signaturePrivateKey, authenticatedData: [], provider: provider)
    }

    private static func frame(
        _ proposal: Proposal, sender: Sender, groupID: [UInt8], epoch: UInt64, signaturePrivateKey: [UInt8],
        authenticatedData: [UInt8], provider: any CipherSuiteProvider
    ) throws(GroupError) -> MLSMessage {
        let content = FramedContent(
            groupID: groupID, epoch: epoch, sender: sender, authenticatedData: authenticatedData,
            body: .proposal(proposal))
        let message = try lift(GroupError.framing) { () throws(FramingError) in
            let signed = try AuthenticatedContent.sign(
                wireFormat: .publicMessage, content: content, serializedGroupContext: nil,
                signaturePrivateKey: signaturePrivateKey, confirmationTag: nil, provider: provider)
            return try PublicMessage.protect(signed, membershipKey: [], serializedGroupContext: nil, provider: provider)
        }
        return MLSMessage(body: .publicMessage(message))
    }
}
