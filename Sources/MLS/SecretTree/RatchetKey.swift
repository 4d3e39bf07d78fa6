/// Which of a sender's two ratchets a key comes from (RFC 9420 §9).
public enum RatchetType: Hashable, Sendable {
    /// Proposals and commits.
    case handshake
    /// Application messages.
    case application
}

/// A single-use AEAD key and nonce at one generation of a sender ratchet (RFC 9420 §9.1).
public struct RatchetKey: Hashable, Sendable {
    public var generation: UInt32
    public var key: [UInt8]
    public var nonce: [UInt8]

    public init(generation: UInt32, key: [UInt8], nonce: [UInt8]) {
        self.generation = generation
        self.key = key
        self.nonce = nonce
    }
}
