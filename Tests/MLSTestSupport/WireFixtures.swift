import MLS

/// Small, syntactically valid wire structures for codec tests. Keys and signatures are
/// placeholder bytes: these values are never verified.
public enum WireFixtures {
    public static let capabilities = Capabilities(
        versions: [.mls10], cipherSuites: [.mls128DHKEMX25519AES128GCMSHA256Ed25519, CipherSuite(rawValue: 0x0A0A)],
        extensions: [ExtensionType(rawValue: 0x1A1A)], proposals: [ProposalType(rawValue: 0x2A2A)],
        credentials: [.basic, CredentialType(rawValue: 0x3A3A)])

    public static func leafNode(source: LeafNodeSource = .keyPackage(Lifetime(notBefore: 1, notAfter: 2)))
        -> LeafNode
    {
        LeafNode(
            encryptionKey: [0xE1, 0xE2], signatureKey: [0x51, 0x52], credential: .basic(identity: Array("alice".utf8)),
            capabilities: capabilities, source: source, extensions: [Extension(type: .applicationID, data: [7])],
            signature: [0x5A, 0x5B, 0x5C])
    }

    public static func keyPackage() -> UnverifiedKeyPackage {
        UnverifiedKeyPackage(
            version: .mls10, cipherSuite: .mls128DHKEMX25519AES128GCMSHA256Ed25519, initKey: [0x11, 0x12],
            leafNode: leafNode(), extensions: [], signature: [0x99])
    }

    public static func commit(withPath: Bool = true) -> Commit {
        let path = UpdatePath(
            leafNode: leafNode(source: .commit(parentHash: [0xAB])),
            nodes: [
                UpdatePathNode(
                    encryptionKey: [1], encryptedPathSecret: [HPKECiphertext(kemOutput: [2], ciphertext: [3])])
            ])
        return Commit(
            proposals: [.proposal(.remove(LeafIndex(3))), .reference([0xCC, 0xDD])], path: withPath ? path : nil)
    }

    public static func groupContext() -> GroupContext {
        GroupContext(
            version: .mls10, cipherSuite: .mls128DHKEMX25519AES128GCMSHA256Ed25519, groupID: [0x67], epoch: 5,
            treeHash: [0x71], confirmedTranscriptHash: [0x72], extensions: [])
    }

    public static func groupInfo() -> GroupInfo {
        GroupInfo(
            groupContext: groupContext(), extensions: [Extension(type: .externalPub, data: [1, 2])],
            confirmationTag: [0xC7], signer: LeafIndex(1), signature: [0x53])
    }

    public static func content(sender: Sender = .member(LeafIndex(1)), body: FramedContent.Body) -> FramedContent {
        FramedContent(groupID: [0x67], epoch: 5, sender: sender, authenticatedData: [0xAD], body: body)
    }

    /// One proposal of each type RFC 9420 defines.
    public static let proposals: [Proposal] = [
        .add(keyPackage()),
        .update(leafNode(source: .update)),
        .remove(LeafIndex(2)),
        .preSharedKey(PreSharedKeyID(kind: .external(id: [1]), nonce: [2, 3])),
        .reInit(
            ReInit(groupID: [9], version: .mls10, cipherSuite: .mls128DHKEMP256AES128GCMSHA256P256, extensions: [])),
        .externalInit(kemOutput: [0x4B]),
        .groupContextExtensions([Extension(type: .requiredCapabilities, data: [0])]),
    ]
}
