/// Errors of the key schedule layer (RFC 9420 §8).
public enum KeyScheduleError: Error, Equatable, Sendable {
    /// A cryptographic primitive failed, for example a requested output length was out of range.
    case crypto(CryptoError)
    /// §8.4: `PSKLabel` carries the index and count as uint16, so at most 65535 PSKs fit.
    case tooManyPSKs(Int)
}

extension KeyScheduleError {
    /// Runs a provider operation, wrapping its error.
    static func wrapping<T>(_ body: () throws(CryptoError) -> T) throws(KeyScheduleError) -> T {
        do {
            return try body()
        } catch {
            throw .crypto(error)
        }
    }
}
