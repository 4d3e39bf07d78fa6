/// Errors raised while encoding or decoding the TLS presentation language (RFC 9420 §2.1).
///
/// Every case describes invalid input; decoding never traps and never allocates a
/// buffer whose size was read from the input before checking that the input holds it.
public enum CodecError: Error, Equatable, Sendable {
    /// The input ended before a value was complete.
    case truncated(needed: Int, available: Int)
    /// Bytes were left over after the outermost value was decoded.
    case trailingBytes(count: Int)
    /// §2.1.2: a variable-length integer was not written in its shortest form.
    case nonMinimalVarint
    /// §2.1.2: the two-bit prefix `0b11` is reserved.
    case reservedVarintPrefix
    /// A length prefix claims more bytes than the input holds.
    case lengthExceedsInput(length: Int, available: Int)
    /// A length does not fit the 30 bits a variable-length header can carry.
    case lengthTooLarge(Int)
    /// An enumerated field holds a value this implementation does not accept there.
    case invalidValue(field: String, value: UInt64)
    /// An `optional<T>` presence octet was neither 0 nor 1.
    case invalidOptionalPresence(UInt8)
    /// RFC 9420 §6.3.1: the padding of a PrivateMessageContent held a non-zero byte.
    case nonZeroPadding
    /// A value was well formed but violates a structural rule of its type.
    case malformed(String)
}
