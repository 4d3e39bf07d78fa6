import MLS

/// Runs `message-protection.json` (RFC 9420 §6).
///
/// Verification, with a GroupContext built from `cipher_suite`, `group_id`, `epoch`,
/// `tree_hash`, `confirmed_transcript_hash` and empty extensions, and leaf 1 as the sender:
/// for each of `proposal`, `commit` and `application`, with a fresh two-member secret tree
/// rooted at `encryption_secret`:
/// - the `*_pub` message verifies with `membership_key` and `signature_pub` and carries the
///   raw value (there is no `application_pub`: application data is never public);
/// - protecting the raw value as a PublicMessage with `membership_key` and `signature_priv`
///   gives a message that verifies; for application data, protecting as public fails;
/// - the `*_priv` message unprotects with the secret tree, `sender_data_secret` and
///   `signature_pub`, and carries the raw value;
/// - protecting the raw value as a PrivateMessage gives a message that unprotects the same way.
enum MessageProtectionRunner: VectorRunner {
    struct Case: Decodable {
        var cipher_suite: UInt16
        var group_id: HexBytes
        var epoch: UInt64
        var tree_hash: HexBytes
        var confirmed_transcript_hash: HexBytes
        var signature_priv: HexBytes
        var signature_pub: HexBytes
        var encryption_secret: HexBytes
        var sender_data_secret: HexBytes
        var membership_key: HexBytes
        var proposal: HexBytes
        var proposal_pub: HexBytes
        var proposal_priv: HexBytes
        var commit: HexBytes
        var commit_pub: HexBytes
        var commit_priv: HexBytes
        var application: HexBytes
        var application_priv: HexBytes
    }

    private struct Context {
        var c: Case
        var provider: any CipherSuiteProvider
        var groupContext: [UInt8]
        var sender: Sender { .member(LeafIndex(1)) }

        func freshTree() -> SecretTree {
            SecretTree(provider: provider, encryptionSecret: c.encryption_secret.bytes, size: TreeSize(leafCount: 2)!)
        }
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        let suite = CipherSuite(rawValue: c.cipher_suite)
        let provider = try crypto.provider(for: suite)
        let groupContext = GroupContext(
            version: .mls10, cipherSuite: suite, groupID: c.group_id.bytes, epoch: c.epoch,
            treeHash: c.tree_hash.bytes, confirmedTranscriptHash: c.confirmed_transcript_hash.bytes, extensions: [])
        let context = Context(c: c, provider: provider, groupContext: groupContext.tlsEncoded)

        let proposal = FramedContent.Body.proposal(try Proposal(tlsEncoded: c.proposal.bytes))
        let commit = FramedContent.Body.commit(try Commit(tlsEncoded: c.commit.bytes))
        let application = FramedContent.Body.application(c.application.bytes)

        try checkPublic(c.proposal_pub.bytes, body: proposal, context, path: "proposal_pub")
        try checkPublic(c.commit_pub.bytes, body: commit, context, path: "commit_pub")
        try checkProtectPublic(body: proposal, context, path: "proposal")
        try checkProtectPublic(body: commit, context, path: "commit")
        do {
            _ = try protect(body: application, wireFormat: .publicMessage, context)
            throw VectorCheckFailed("application", "protecting application data as a PublicMessage succeeded")
        } catch FramingError.applicationContentInPublicMessage {
            // expected
        }
        try checkPrivate(c.proposal_priv.bytes, body: proposal, context, path: "proposal_priv")
        try checkPrivate(c.commit_priv.bytes, body: commit, context, path: "commit_priv")
        try checkPrivate(c.application_priv.bytes, body: application, context, path: "application_priv")
        for (body, path) in [(proposal, "proposal"), (commit, "commit"), (application, "application")] {
            try checkProtectPrivate(body: body, context, path: path)
        }
        return .passed
    }

    private static func checkPublic(
        _ bytes: [UInt8], body: FramedContent.Body, _ context: Context, path: String
    ) throws {
        let message = try MLSMessage(tlsEncoded: bytes)
        guard case .publicMessage(let publicMessage) = message.body else {
            throw VectorCheckFailed(path, "not a PublicMessage")
        }
        try publicMessage.verifyMembershipTag(
            membershipKey: context.c.membership_key.bytes, serializedGroupContext: context.groupContext,
            provider: context.provider)
        try publicMessage.authenticatedContent.verifySignature(
            publicKey: context.c.signature_pub.bytes, serializedGroupContext: context.groupContext,
            provider: context.provider)
        try expectEqual(publicMessage.content.body, body, "\(path).content")
        try expectEqual(publicMessage.content.sender, context.sender, "\(path).sender")
    }

    private static func protect(
        body: FramedContent.Body, wireFormat: WireFormat, _ context: Context
    ) throws -> AuthenticatedContent {
        let content = FramedContent(
            groupID: context.c.group_id.bytes, epoch: context.c.epoch, sender: context.sender,
            authenticatedData: [], body: body)
        // A commit needs a confirmation tag to be framed; its value is not checked here.
        let tag: [UInt8]? = body.contentType == .commit ? [UInt8](repeating: 0xA5, count: context.provider.hashLength) : nil
        let authenticated = try AuthenticatedContent.sign(
            wireFormat: wireFormat, content: content, serializedGroupContext: context.groupContext,
            signaturePrivateKey: context.c.signature_priv.bytes, confirmationTag: tag, provider: context.provider)
        if wireFormat == .publicMessage {
            _ = try PublicMessage.protect(
                authenticated, membershipKey: context.c.membership_key.bytes,
                serializedGroupContext: context.groupContext, provider: context.provider)
        }
        return authenticated
    }

    private static func checkProtectPublic(body: FramedContent.Body, _ context: Context, path: String) throws {
        let authenticated = try protect(body: body, wireFormat: .publicMessage, context)
        let message = try PublicMessage.protect(
            authenticated, membershipKey: context.c.membership_key.bytes,
            serializedGroupContext: context.groupContext, provider: context.provider)
        let decoded = try MLSMessage(tlsEncoded: MLSMessage(body: .publicMessage(message)).tlsEncoded)
        try checkPublic(decoded.tlsEncoded, body: body, context, path: "protect(\(path)) as public")
    }

    private static func checkPrivate(
        _ bytes: [UInt8], body: FramedContent.Body, _ context: Context, path: String
    ) throws {
        var tree = context.freshTree()
        try checkPrivate(bytes, body: body, context, tree: &tree, path: path)
    }

    private static func checkPrivate(
        _ bytes: [UInt8], body: FramedContent.Body, _ context: Context, tree: inout SecretTree, path: String
    ) throws {
        let message = try MLSMessage(tlsEncoded: bytes)
        guard case .privateMessage(let privateMessage) = message.body else {
            throw VectorCheckFailed(path, "not a PrivateMessage")
        }
        let opened = try privateMessage.unprotect(
            secretTree: &tree, senderDataSecret: context.c.sender_data_secret.bytes, provider: context.provider)
        try opened.content.verifySignature(
            publicKey: context.c.signature_pub.bytes, serializedGroupContext: context.groupContext,
            provider: context.provider)
        try expectEqual(opened.content.content.body, body, "\(path).content")
        try expectEqual(opened.content.content.sender, context.sender, "\(path).sender")
    }

    private static func checkProtectPrivate(body: FramedContent.Body, _ context: Context, path: String) throws {
        let authenticated = try protect(body: body, wireFormat: .privateMessage, context)
        var senderTree = context.freshTree()
        let message = try PrivateMessage.protect(
            authenticated, secretTree: &senderTree, senderDataSecret: context.c.sender_data_secret.bytes,
            provider: context.provider)
        var receiverTree = context.freshTree()
        try checkPrivate(
            MLSMessage(body: .privateMessage(message)).tlsEncoded, body: body, context, tree: &receiverTree,
            path: "protect(\(path)) as private")
    }
}
