/// Why a group operation failed. Every failure leaves the group exactly as it was.
public enum GroupError: Error, Equatable, Sendable {
    // Messages that do not belong here.
    /// The message is for another group.
    case wrongGroup
    /// A handshake message is not for the current epoch, or an application message is for an
    /// epoch whose keys are gone.
    case wrongEpoch(message: UInt64, current: UInt64)
    /// The wire format cannot carry this content here (application data in a PublicMessage,
    /// a Welcome or KeyPackage given to `process`, a handshake against the group's policy).
    case unexpectedWireFormat(WireFormat)
    /// The sender is not a current member, or is a kind of sender this group does not accept.
    case unknownSender(Sender)
    /// A member's own message, not echoed as its pending commit, was given back to it.
    case ownMessage

    // Proposals and commits (§12.2).
    /// A commit references a proposal this member has not seen in the current epoch.
    case unknownProposalReference
    /// One rule of proposal-list validation (§12.2) failed; the text names it.
    case invalidProposalList(String)
    /// The commit lacks the UpdatePath its proposals require (§12.4).
    case pathRequired
    /// A PSK named by a proposal or a Welcome is not known (§8.4: a commit is rejected until it is).
    case missingPSK(PreSharedKeyID)
    /// §6.1: the confirmation tag does not match.
    case invalidConfirmationTag
    /// The commit removes this member; the group can no longer be used to send.
    case removedFromGroup
    /// The group has been reinitialized or this member removed: no further messages are sent.
    case groupInactive

    // Joining (§12.4.3.1).
    /// The Welcome's GroupInfo has no tree and none was given.
    case missingRatchetTree
    /// The tree hash of the received tree differs from the GroupContext's.
    case treeHashMismatch
    /// Our KeyPackage's leaf is not in the received tree.
    case ownLeafNotFound
    /// The GroupInfo's signer is not a member of the received tree.
    case invalidSigner

    // Our own sending side (§11).
    /// A KeyPackage we are about to add, or our own leaf when we create a group, does not list the
    /// group's protocol version and cipher suite in its capabilities. §11: "the creator MUST use the
    /// `capabilities` information in these KeyPackages to verify that the chosen version and cipher suite
    /// is the best option supported by all members." Never raised for a received commit or tree.
    case groupParametersNotInCapabilities(CipherSuite)

    // Credentials (RFC 9750 §6.5).
    /// The Authentication Service hook refused a member's credential.
    case credentialRejected(String)

    // Caller misuse.
    /// There is no pending commit to merge, or a proposal reference is unknown to the builder.
    case noPendingCommit
    /// A commit was asked for while another of our commits is pending.
    case commitAlreadyPending
    /// The operation is not possible in this state (the text says why).
    case invalidOperation(String)

    // Wrapped lower-layer errors.
    case codec(CodecError)
    case crypto(CryptoError)
    case framing(FramingError)
    case tree(TreeError)
    case secretTree(SecretTreeError)
    case keySchedule(KeyScheduleError)
    case keyPackage(KeyPackageError)
    case leafNode(LeafNodeValidationError)
    case welcome(WelcomeError)
}

/// Runs `body`, wrapping the error type it throws into a `GroupError`.
@inline(__always)
func lift<T, E: Error>(_ wrap: (E) -> GroupError, _ body: () throws(E) -> T) throws(GroupError) -> T {
    do {
        return try body()
    } catch {
        throw wrap(error)
    }
}
