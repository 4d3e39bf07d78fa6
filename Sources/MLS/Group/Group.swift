import Foundation

/// A member's view of one MLS group in one epoch (RFC 9420 §8, §11, §12).
///
/// ```text
///  MLSMessage ──▶ unprotect (membership tag / decryption, §6) ──▶ verify signature (§6.1)
///        │                                                               │
///        ▼                                                               ▼
///   application ◀──────────── content type ──────────▶ proposal: cache by ProposalRef
///                                  │
///                                  ▼ commit
///   resolve proposals ─▶ validate list (§12.2) ─▶ apply to tree and context (§12.3)
///   ─▶ merge UpdatePath, decrypt path secret (§7.6) ─▶ transcript hashes (§8.2)
///   ─▶ key schedule (§8) ─▶ confirmation tag ─▶ new epoch
/// ```
///
/// A `Group` is a value: every operation works on a copy and replaces `self` only when it
/// succeeds, so a failed operation leaves the state exactly as it was, and a caller can persist
/// each new state in one transaction before using it.
public struct Group: Sendable {
    public let provider: any CipherSuiteProvider
    public internal(set) var configuration: GroupConfiguration
    public internal(set) var services: GroupServices

    /// The current GroupContext (§8.1).
    public internal(set) var context: GroupContext
    /// The public ratchet tree.
    public internal(set) var tree: RatchetTree
    var interimTranscriptHash: [UInt8]
    var secrets: EpochSecrets
    var secretTree: SecretTree
    /// Private keys for our leaf and the nodes above it we know.
    var privateKeys: TreePrivateKeys
    var signatureKeyPair: SignatureKeyPair
    /// Proposals received in this epoch, by reference.
    var proposals: [ProposalCacheEntry]
    /// Private keys of leaves we proposed in Update proposals this epoch, by public key.
    var pendingUpdateKeys: [[UInt8]: [UInt8]] = [:]
    /// Our commit, sent but not yet confirmed by the Delivery Service.
    var pendingCommit: PendingCommit?
    /// Application keys of recent epochs, newest first.
    var pastEpochs: [PastEpoch]
    /// `resumption_psk` of recent epochs of this group, by epoch (§8.6).
    var resumptionPSKs: [UInt64: [UInt8]]
    public internal(set) var status: GroupStatus

    public var groupID: [UInt8] { context.groupID }
    public var epoch: UInt64 { context.epoch }
    public var cipherSuite: CipherSuite { context.cipherSuite }
    /// Our leaf index.
    public var ownLeaf: LeafIndex { privateKeys.leafIndex }
    /// The current members.
    public var members: [(index: LeafIndex, leaf: LeafNode)] { tree.members }

    /// `epoch_authenticator` (§8.7): equal for all members exactly when they agree on the epoch.
    public var epochAuthenticator: [UInt8] { secrets.epochAuthenticator.bytes }

    /// MLS-Exporter (§8.5).
    public func export(label: String, context: [UInt8], length: Int) throws(GroupError) -> [UInt8] {
        try lift(GroupError.keySchedule) { () throws(KeyScheduleError) in
            try secrets.export(label: label, context: context, length: length, provider: provider)
        }
    }

    /// The encoded GroupContext, as signatures and HPKE contexts use it.
    var encodedContext: [UInt8] { context.tlsEncoded }
}

/// Whether a group can still be used.
public enum GroupStatus: Hashable, Sendable {
    case active
    /// A commit removed this member (§12.4.2).
    case removed
    /// A ReInit was committed: the group is frozen until its successor is joined (§11.2).
    case reinitPending(ReInit)
    /// The successor group of a ReInit was created or joined; no other successor is accepted.
    case reinitialized(successor: [UInt8])
}

/// A proposal received in the current epoch, for commits that reference it (§12.4).
struct ProposalCacheEntry: Hashable, Sendable {
    var ref: [UInt8]
    var proposal: Proposal
    var sender: Sender
}

/// The keys of a past epoch kept to decrypt late application messages (RFC 9420 §14,
/// RFC 9750 §7).
struct PastEpoch: Sendable {
    var epoch: UInt64
    var encodedContext: [UInt8]
    var tree: RatchetTree
    var secretTree: SecretTree
    var senderDataSecret: Secret
}
