/// Secret bytes: a key or a key-schedule secret (RFC 9420 §8).
///
/// The bytes stay private: outside MLS they are reached only through ``withUnsafeBytes(_:)``. Two secrets compare
/// in time that depends on their length only, never on where they first differ, and a secret prints as its length
/// alone, so logs, `dump` and test failures never show key material.
public struct Secret: Sendable {
    private var storage: [UInt8]

    /// Wraps secret bytes.
    /// - Parameter bytes: The secret; the caller should drop its own copy.
    public init(_ bytes: [UInt8]) {
        storage = bytes
    }

    /// The secret's length in bytes, which is not secret (`KDF.Nh` for the key schedule's secrets).
    public var count: Int { storage.count }

    /// Lends the bytes to `body`.
    /// - Parameter body: Reads the bytes; the pointer must not escape.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let result: Swift.Result<Result, Failure> = storage.withUnsafeBytes { buffer in
            do throws(Failure) {
                return .success(try body(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The bytes, for the cipher suite operations inside MLS that take `[UInt8]`.
    var bytes: [UInt8] { storage }
}

extension Secret: Equatable {
    /// Constant-time comparison: secrets of different lengths differ at once (length is not secret); secrets of
    /// equal length are compared over every byte, whatever the first difference.
    public static func == (lhs: Secret, rhs: Secret) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.storage.indices {
            difference |= lhs.storage[index] ^ rhs.storage[index]
        }
        return difference == 0
    }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Secret(32 bytes, redacted)`: the length only.
    public var description: String { "Secret(\(storage.count) bytes, redacted)" }

    public var debugDescription: String { description }

    /// No children, so `dump` and reflection-based printing show no bytes either.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
