/// How many zero bytes a sender appends to a PrivateMessageContent (RFC 9420 §6.3.1),
/// to hide the exact length of what it encrypts.
public enum PaddingPolicy: Hashable, Sendable {
    /// No padding.
    case none
    /// Pads the plaintext up to a multiple of the given block size (at least 1).
    case toMultiple(of: Int)

    /// The number of padding bytes for a plaintext of `length` bytes.
    public func paddingLength(forContentLength length: Int) -> Int {
        switch self {
        case .none:
            return 0
        case .toMultiple(let block):
            guard block > 1 else { return 0 }
            let remainder = length % block
            return remainder == 0 ? 0 : block - remainder
        }
    }

    /// The default: blocks of 32 bytes, which hides short lengths at little cost.
    public static let `default` = PaddingPolicy.toMultiple(of: 32)
}
