/// The out-of-order parameters of a secret tree (RFC 9750 §7, RFC 9420 §9.2).
///
/// They trade tolerance of reordered or lost messages against forward secrecy: every
/// retained key is a key an attacker who compromises the member could still use.
public struct SecretTreeConfiguration: Hashable, Sendable {
    /// How many generations a message may skip ahead of a sender's ratchet. Larger jumps are
    /// refused, so a forged generation cannot make the receiver derive millions of keys.
    /// Default 1000, enough for a long burst of lost messages.
    public var maxForwardDistance: UInt32
    /// How many generations behind the newest one a skipped key is kept for a late message.
    /// Older skipped keys are deleted. Default 32.
    public var outOfOrderTolerance: UInt32
    /// The most skipped keys kept per ratchet; the oldest go first. Default 128.
    public var maxRetainedKeys: Int

    public init(maxForwardDistance: UInt32 = 1000, outOfOrderTolerance: UInt32 = 32, maxRetainedKeys: Int = 128) {
        self.maxForwardDistance = maxForwardDistance
        self.outOfOrderTolerance = outOfOrderTolerance
        self.maxRetainedKeys = maxRetainedKeys
    }

    public static let `default` = SecretTreeConfiguration()
}
