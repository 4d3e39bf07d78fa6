import Crypto

/// The hash functions the RFC 9420 suites use, with HMAC and HKDF (RFC 5869) built on them.
public enum HashAlgorithm: Sendable {
    case sha256, sha384, sha512

    /// Output length in bytes (`Nh`).
    public var outputLength: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    public func hash(_ data: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: Array(SHA256.hash(data: data))
        case .sha384: Array(SHA384.hash(data: data))
        case .sha512: Array(SHA512.hash(data: data))
        }
    }

    public func hmac(key: [UInt8], data: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: key)
        switch self {
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: data, using: key))
        case .sha384: return Array(HMAC<SHA384>.authenticationCode(for: data, using: key))
        case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: data, using: key))
        }
    }

    /// HKDF-Extract: `HMAC(salt, ikm)`; an empty salt stands for `Nh` zero bytes, which HMAC pads to the same key.
    public func extract(salt: [UInt8], ikm: [UInt8]) -> [UInt8] {
        hmac(key: salt, data: ikm)
    }

    /// HKDF-Expand.
    public func expand(prk: [UInt8], info: [UInt8], length: Int) throws(CryptoError) -> [UInt8] {
        guard length >= 0, length <= 255 * outputLength else { throw .invalidOutputLength(length) }
        var output: [UInt8] = []
        output.reserveCapacity(length)
        var block: [UInt8] = []
        var counter: UInt8 = 1
        while output.count < length {
            block = hmac(key: prk, data: block + info + [counter])
            output.append(contentsOf: block.prefix(length - output.count))
            counter &+= 1
        }
        return output
    }
}
