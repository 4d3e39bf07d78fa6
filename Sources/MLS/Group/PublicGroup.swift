import Foundation

/// The public state of an MLS group as a Delivery Service can follow it without being a member
/// (RFC 9750 §5.3): the ratchet tree, the GroupContext and the proposals of the current epoch, kept
/// up to date from the group's PublicMessage handshakes.
///
/// ```text
/// bootstrap: GroupInfo (+ tree)  ──▶ transcript known: every signature is checked
///            tree after a commit ──▶ transcript unknown: member signatures cannot be checked
///                                    until a GroupInfo of a later epoch is adopted
/// PublicMessage proposal ─▶ sender rules (§12.1) ─▶ cached by ProposalRef
/// PublicMessage commit   ─▶ resolve ─▶ validate and apply the list (§12.2, §12.3) ─▶ merge the
///                           UpdatePath, parent hash (§7.9.2) ─▶ tree hash ─▶ transcript (§8.2)
/// ```
///
/// What a non-member cannot check: the membership tag of a member's PublicMessage, the confirmation
/// tag of a commit, and the encrypted path secrets. A `PublicGroup` is a value: a failed operation
/// leaves it exactly as it was.
public struct PublicGroup: GroupStateReading, Sendable {
    /// Whether the transcript hashes are known, so that members' signatures over the GroupContext
    /// can be checked.
    public enum Transcript: Hashable, Sendable {
        /// The interim transcript hash of the current epoch: the GroupContext is exact.
        case known(interim: [UInt8])
        /// Followed from a tree alone: the GroupContext's confirmed transcript hash is not known
        /// (left empty) and its extensions may be incomplete.
        case unknown
    }

    public let provider: any CipherSuiteProvider
    public let configuration: GroupConfiguration
    public let services: GroupServices
    /// The GroupContext of the current epoch; exact only when ``transcript`` is known.
    public internal(set) var context: GroupContext
    public internal(set) var tree: RatchetTree
    public internal(set) var transcript: Transcript
    var proposals: [ProposalCacheEntry]
    /// The epoch in which each member's leaf last got new keys: when it was added, updated, or
    /// committed with a path. What idle-member eviction reads (RFC 9750 §8.4.2).
    public internal(set) var keyEpochs: [LeafIndex: UInt64]

    public var groupID: [UInt8] { context.groupID }
    public var epoch: UInt64 { context.epoch }
    public var cipherSuite: CipherSuite { context.cipherSuite }
    /// The current members.
    public var members: [(index: LeafIndex, leaf: LeafNode)] { tree.members }

    init(
        provider: any CipherSuiteProvider, configuration: GroupConfiguration, services: GroupServices,
        context: GroupContext, tree: RatchetTree, transcript: Transcript, proposals: [ProposalCacheEntry],
        keyEpochs: [LeafIndex: UInt64]
    ) {
        self.provider = provider
        self.configuration = configuration
        self.services = services
        self.context = context
        self.tree = tree
        self.transcript = transcript
        self.proposals = proposals
        self.keyEpochs = keyEpochs
    }

    /// Follows a group from one of its GroupInfos, checked as a joiner checks it (§12.4.3.1): the
    /// tree (from the `ratchet_tree` extension or given) hashes to the GroupContext's tree hash and
    /// is valid, and the signer is a member whose signature verifies.
    ///
    /// - Throws: `GroupError`.
    public init(
        groupInfo: GroupInfo, ratchetTree: RatchetTreeNodes? = nil, crypto: any CryptoProvider,
        configuration: GroupConfiguration = GroupConfiguration(), services: GroupServices = .system
    ) async throws(GroupError) {
        let provider = try lift(GroupError.crypto) { () throws(CryptoError) in
            try crypto.provider(for: groupInfo.groupContext.cipherSuite)
        }
        let tree = try await Group.verifiedTree(
            of: groupInfo, ratchetTree: ratchetTree, provider: provider, services: services)
        let context = groupInfo.groupContext
        let interim = TranscriptHash.interim(
            confirmed: context.confirmedTranscriptHash,
            input: InterimTranscriptHashInput(confirmationTag: groupInfo.confirmationTag), provider: provider)
        self.init(
            provider: provider, configuration: configuration, services: services, context: context, tree: tree,
            transcript: .known(interim: interim), proposals: [],
            keyEpochs: Dictionary(uniqueKeysWithValues: tree.members.map { ($0.index, context.epoch) }))
    }

    /// Follows a group from its ratchet tree alone, as of `epoch`: the tree is checked as a joiner
    /// checks one (§12.4.3.1), but the transcript is unknown, so members' signatures cannot be
    /// checked until ``adopt(_:)`` takes a GroupInfo.
    ///
    /// - Throws: `GroupError`.
    public init(
        groupID: [UInt8], epoch: UInt64, cipherSuite: CipherSuite, ratchetTree: RatchetTreeNodes,
        crypto: any CryptoProvider, configuration: GroupConfiguration = GroupConfiguration(),
        services: GroupServices = .system
    ) async throws(GroupError) {
        let provider = try lift(GroupError.crypto) { () throws(CryptoError) in try crypto.provider(for: cipherSuite) }
        var tree = try lift(GroupError.tree) { () throws(TreeError) in try RatchetTree(ratchetTree) }
        let context = GroupContext(
            version: .mls10, cipherSuite: cipherSuite, groupID: groupID, epoch: epoch,
            treeHash: tree.updateTreeHash(provider: provider), confirmedTranscriptHash: [], extensions: [])
        try await Group.validateJoinedTree(tree, context: context, provider: provider, services: services)
        self.init(
            provider: provider, configuration: configuration, services: services, context: context, tree: tree,
            transcript: .unknown, proposals: [],
            keyEpochs: Dictionary(uniqueKeysWithValues: tree.members.map { ($0.index, epoch) }))
    }

    /// Takes the GroupContext of a GroupInfo of the current epoch, whose tree must be ours: the
    /// transcript becomes known. When it was known already, the GroupInfo must agree with it.
    ///
    /// - Throws: `GroupError` (`.wrongGroup`, `.wrongEpoch`, `.treeHashMismatch`, `.invalidSigner`,
    ///   `.invalidConfirmationTag`, `.welcome`); nothing changes then.
    public mutating func adopt(_ groupInfo: GroupInfo) throws(GroupError) {
        let offered = groupInfo.groupContext
        guard offered.groupID == context.groupID, offered.cipherSuite == context.cipherSuite else {
            throw .wrongGroup
        }
        guard offered.epoch == context.epoch else { throw .wrongEpoch(message: offered.epoch, current: context.epoch) }
        guard offered.treeHash == context.treeHash else { throw .treeHashMismatch }
        guard let signer = tree.leaf(groupInfo.signer) else { throw .invalidSigner }
        try lift(GroupError.welcome) { () throws(WelcomeError) in
            try groupInfo.verifySignature(signerKey: signer.signatureKey, provider: provider)
        }
        let interim = TranscriptHash.interim(
            confirmed: offered.confirmedTranscriptHash,
            input: InterimTranscriptHashInput(confirmationTag: groupInfo.confirmationTag), provider: provider)
        if case .known(let current) = transcript {
            guard offered == context, current == interim else { throw .invalidConfirmationTag }
        }
        context = offered
        transcript = .known(interim: interim)
    }
}
