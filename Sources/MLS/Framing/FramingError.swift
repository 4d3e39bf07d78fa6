/// Why a message could not be protected or unprotected (RFC 9420 §6).
public enum FramingError: Error, Equatable, Sendable {
    /// §6.2: application data is never sent as a PublicMessage.
    case applicationContentInPublicMessage
    /// §6.3.2: only members send PrivateMessages.
    case senderNotMember(Sender)
    /// A member's PublicMessage lacks its membership tag, or the tag does not verify (§6.2).
    case invalidMembershipTag
    /// §6.1: the signature does not verify with the sender's key.
    case invalidSignature
    /// The sender data or the content did not decrypt (§6.3).
    case decryptionFailed
    /// §6.3.1: the padding of a PrivateMessageContent held a non-zero byte.
    case nonZeroPadding
    /// The message is for another group or epoch than the keys it is opened with.
    case wrongGroupOrEpoch
    /// The message's bytes did not decode.
    case malformed(CodecError)
    case secretTree(SecretTreeError)
    case crypto(CryptoError)
}
