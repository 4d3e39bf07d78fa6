import MLS
import Testing

/// Protection and unprotection of framed messages (RFC 9420 §6), with tampering.
struct MessageProtectionTests {
    let provider = try! DefaultCryptoProvider().provider(for: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
    let signer: SignatureKeyPair
    let groupContext: [UInt8]
    let membershipKey = [UInt8](repeating: 3, count: 32)
    let senderDataSecret = [UInt8](repeating: 4, count: 32)
    let encryptionSecret = [UInt8](repeating: 5, count: 32)

    init() throws {
        signer = try provider.generateSignatureKeyPair()
        groupContext = GroupContext(
            version: .mls10, cipherSuite: provider.suite, groupID: [1, 2, 3], epoch: 7, treeHash: [9],
            confirmedTranscriptHash: [8], extensions: []
        ).tlsEncoded
    }

    func tree() -> SecretTree {
        SecretTree(provider: provider, encryptionSecret: encryptionSecret, size: TreeSize(leafCount: 4)!)
    }

    func signed(_ body: FramedContent.Body, wireFormat: WireFormat, authenticatedData: [UInt8] = []) throws
        -> AuthenticatedContent
    {
        let content = FramedContent(
            groupID: [1, 2, 3], epoch: 7, sender: .member(LeafIndex(2)), authenticatedData: authenticatedData,
            body: body)
        return try AuthenticatedContent.sign(
            wireFormat: wireFormat, content: content, serializedGroupContext: groupContext,
            signaturePrivateKey: signer.privateKey, confirmationTag: nil, provider: provider)
    }

    @Test func privateMessageRoundTripsWithAuthenticatedData() throws {
        let content = try signed(.application(Array("hello".utf8)), wireFormat: .privateMessage, authenticatedData: [7])
        var sender = tree()
        var receiver = tree()
        let message = try PrivateMessage.protect(
            content, secretTree: &sender, senderDataSecret: senderDataSecret, provider: provider)
        let opened = try message.unprotect(secretTree: &receiver, senderDataSecret: senderDataSecret, provider: provider)
        #expect(opened.content == content)
        #expect(opened.senderData.leafIndex == LeafIndex(2))
        try opened.content.verifySignature(
            publicKey: signer.publicKey, serializedGroupContext: groupContext, provider: provider)
    }

    @Test func paddingHidesLengthUpToTheBlockSize() throws {
        var sender = tree()
        let short = try PrivateMessage.protect(
            signed(.application([1]), wireFormat: .privateMessage), secretTree: &sender,
            senderDataSecret: senderDataSecret, padding: .toMultiple(of: 64), provider: provider)
        let longer = try PrivateMessage.protect(
            signed(.application([UInt8](repeating: 1, count: 20)), wireFormat: .privateMessage), secretTree: &sender,
            senderDataSecret: senderDataSecret, padding: .toMultiple(of: 64), provider: provider)
        #expect(short.ciphertext.count == longer.ciphertext.count)
    }

    @Test func tamperedCiphertextFailsAndKeepsTheKey() throws {
        var sender = tree()
        var receiver = tree()
        let message = try PrivateMessage.protect(
            signed(.application([1, 2]), wireFormat: .privateMessage), secretTree: &sender,
            senderDataSecret: senderDataSecret, provider: provider)
        var tampered = message
        tampered.ciphertext[0] ^= 1
        #expect(throws: FramingError.self) {
            try tampered.unprotect(secretTree: &receiver, senderDataSecret: senderDataSecret, provider: provider)
        }
        // The failed attempt consumed nothing: the genuine message still opens.
        _ = try message.unprotect(secretTree: &receiver, senderDataSecret: senderDataSecret, provider: provider)
    }

    @Test func tamperedAuthenticatedDataFailsDecryption() throws {
        var sender = tree()
        var receiver = tree()
        var message = try PrivateMessage.protect(
            signed(.application([1]), wireFormat: .privateMessage, authenticatedData: [1]), secretTree: &sender,
            senderDataSecret: senderDataSecret, provider: provider)
        message.authenticatedData = [2]
        #expect(throws: FramingError.decryptionFailed) {
            try message.unprotect(secretTree: &receiver, senderDataSecret: senderDataSecret, provider: provider)
        }
    }

    @Test func replayedPrivateMessageIsRefused() throws {
        var sender = tree()
        var receiver = tree()
        let message = try PrivateMessage.protect(
            signed(.application([1]), wireFormat: .privateMessage), secretTree: &sender,
            senderDataSecret: senderDataSecret, provider: provider)
        _ = try message.unprotect(secretTree: &receiver, senderDataSecret: senderDataSecret, provider: provider)
        #expect(throws: FramingError.secretTree(.keyNoLongerAvailable(generation: 0))) {
            try message.unprotect(secretTree: &receiver, senderDataSecret: senderDataSecret, provider: provider)
        }
    }

    @Test func applicationDataIsNeverPublic() throws {
        let content = try signed(.application([1]), wireFormat: .publicMessage)
        #expect(throws: FramingError.applicationContentInPublicMessage) {
            try PublicMessage.protect(
                content, membershipKey: membershipKey, serializedGroupContext: groupContext, provider: provider)
        }
    }

    @Test func publicMessageWithWrongMembershipKeyOrContextIsRejected() throws {
        let content = try signed(.proposal(.remove(LeafIndex(1))), wireFormat: .publicMessage)
        let message = try PublicMessage.protect(
            content, membershipKey: membershipKey, serializedGroupContext: groupContext, provider: provider)
        try message.verifyMembershipTag(
            membershipKey: membershipKey, serializedGroupContext: groupContext, provider: provider)
        #expect(throws: FramingError.invalidMembershipTag) {
            try message.verifyMembershipTag(
                membershipKey: [UInt8](repeating: 0, count: 32), serializedGroupContext: groupContext,
                provider: provider)
        }
        #expect(throws: FramingError.invalidSignature) {
            try message.authenticatedContent.verifySignature(
                publicKey: signer.publicKey, serializedGroupContext: groupContext + [0], provider: provider)
        }
    }

    @Test func signatureFromAnotherKeyIsRejected() throws {
        let content = try signed(.proposal(.remove(LeafIndex(1))), wireFormat: .publicMessage)
        let other = try provider.generateSignatureKeyPair()
        #expect(throws: FramingError.invalidSignature) {
            try content.verifySignature(publicKey: other.publicKey, serializedGroupContext: groupContext, provider: provider)
        }
    }

    @Test(arguments: [PaddingPolicy.none, .toMultiple(of: 1), .toMultiple(of: 16)])
    func paddingLengthsAreMinimal(policy: PaddingPolicy) {
        for length in 0..<40 {
            let padded = length + policy.paddingLength(forContentLength: length)
            if case .toMultiple(let block) = policy, block > 1 {
                #expect(padded % block == 0 && padded - length < block)
            } else {
                #expect(padded == length)
            }
        }
    }
}
