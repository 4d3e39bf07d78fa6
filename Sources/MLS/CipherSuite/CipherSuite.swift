/// An MLS cipher suite identifier (RFC 9420 §5.1, §17.1).
///
/// Unknown values (for example GREASE values in a capabilities list) are representable,
/// since they appear on the wire; only the seven suites of the RFC have an implementation.
///
/// ```text
/// uint16 CipherSuite;
/// ```
public struct CipherSuite: RawRepresentable, Hashable, Sendable, Comparable {
    public let rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    public static let mls128DHKEMX25519AES128GCMSHA256Ed25519 = CipherSuite(rawValue: 0x0001)
    public static let mls128DHKEMP256AES128GCMSHA256P256 = CipherSuite(rawValue: 0x0002)
    public static let mls128DHKEMX25519ChaCha20Poly1305SHA256Ed25519 = CipherSuite(rawValue: 0x0003)
    public static let mls256DHKEMX448AES256GCMSHA512Ed448 = CipherSuite(rawValue: 0x0004)
    public static let mls256DHKEMP521AES256GCMSHA512P521 = CipherSuite(rawValue: 0x0005)
    public static let mls256DHKEMX448ChaCha20Poly1305SHA512Ed448 = CipherSuite(rawValue: 0x0006)
    public static let mls256DHKEMP384AES256GCMSHA384P384 = CipherSuite(rawValue: 0x0007)

    /// The seven suites defined by RFC 9420, all implemented.
    public static let allDefined: [CipherSuite] = (1...7).map { CipherSuite(rawValue: $0) }

    /// Whether this is one of the suites RFC 9420 defines.
    public var isDefined: Bool { (1...7).contains(rawValue) }

    public static func < (lhs: CipherSuite, rhs: CipherSuite) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension CipherSuite: CustomStringConvertible {
    public var description: String {
        switch rawValue {
        case 1: "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519"
        case 2: "MLS_128_DHKEMP256_AES128GCM_SHA256_P256"
        case 3: "MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519"
        case 4: "MLS_256_DHKEMX448_AES256GCM_SHA512_Ed448"
        case 5: "MLS_256_DHKEMP521_AES256GCM_SHA512_P521"
        case 6: "MLS_256_DHKEMX448_CHACHA20POLY1305_SHA512_Ed448"
        case 7: "MLS_256_DHKEMP384_AES256GCM_SHA384_P384"
        default: "CipherSuite(0x\(String(rawValue, radix: 16)))"
        }
    }
}

extension CipherSuite: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(rawValue) }
    public init(from reader: inout TLSReader) throws(CodecError) { rawValue = try reader.readUInt16() }
}
