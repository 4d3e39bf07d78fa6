/// The MLS protocol version (RFC 9420 §6).
///
/// ```text
/// enum { reserved(0), mls10(1), (65535) } ProtocolVersion;
/// ```
public struct ProtocolVersion: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let mls10 = ProtocolVersion(rawValue: 1)
}

extension ProtocolVersion: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(rawValue) }
    public init(from reader: inout TLSReader) throws(CodecError) { rawValue = try reader.readUInt16() }
}

/// The wire format of an MLSMessage (RFC 9420 §6, §17.2).
///
/// ```text
/// uint16 WireFormat;
/// ```
public struct WireFormat: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let publicMessage = WireFormat(rawValue: 0x0001)
    public static let privateMessage = WireFormat(rawValue: 0x0002)
    public static let welcome = WireFormat(rawValue: 0x0003)
    public static let groupInfo = WireFormat(rawValue: 0x0004)
    public static let keyPackage = WireFormat(rawValue: 0x0005)
}

extension WireFormat: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(rawValue) }
    public init(from reader: inout TLSReader) throws(CodecError) { rawValue = try reader.readUInt16() }
}
