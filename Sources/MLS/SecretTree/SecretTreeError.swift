/// Why a key could not be taken from a secret tree (RFC 9420 §9).
public enum SecretTreeError: Error, Equatable, Sendable {
    /// The sender's leaf index lies outside the tree.
    case leafOutOfRange(LeafIndex)
    /// The generation is further ahead than `maxForwardDistance` allows.
    case generationTooFarAhead(requested: UInt32, next: UInt32, limit: UInt32)
    /// The key for this generation was used already, or dropped as too old (§9.2: deleted once consumed).
    case keyNoLongerAvailable(generation: UInt32)
    /// The ratchet reached the end of the uint32 generation space.
    case generationExhausted
    case crypto(CryptoError)
}
