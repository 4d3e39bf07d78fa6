/// A credential type (RFC 9420 §5.3, §17.5).
///
/// Unknown values are representable: they appear in capabilities lists (including GREASE values).
///
/// ```text
/// uint16 CredentialType;
/// ```
public struct CredentialType: RawRepresentable, Hashable, Sendable, Comparable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let basic = CredentialType(rawValue: 0x0001)
    public static let x509 = CredentialType(rawValue: 0x0002)

    public static func < (lhs: CredentialType, rhs: CredentialType) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension CredentialType: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(rawValue) }
    public init(from reader: inout TLSReader) throws(CodecError) { rawValue = try reader.readUInt16() }
}
