/// An extension type (RFC 9420 §13, §17.3).
///
/// ```text
/// uint16 ExtensionType;
/// ```
public struct ExtensionType: RawRepresentable, Hashable, Sendable, Comparable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let applicationID = ExtensionType(rawValue: 0x0001)
    public static let ratchetTree = ExtensionType(rawValue: 0x0002)
    public static let requiredCapabilities = ExtensionType(rawValue: 0x0003)
    public static let externalPub = ExtensionType(rawValue: 0x0004)
    public static let externalSenders = ExtensionType(rawValue: 0x0005)

    /// The extension types RFC 9420 defines; §7.2 says a client need not list these in its capabilities.
    public static let defaultTypes: [ExtensionType] = [.applicationID, .ratchetTree, .requiredCapabilities,
                                                       .externalPub, .externalSenders]

    public static func < (lhs: ExtensionType, rhs: ExtensionType) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension ExtensionType: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(rawValue) }
    public init(from reader: inout TLSReader) throws(CodecError) { rawValue = try reader.readUInt16() }
}

/// An extension: a type and its opaque data (RFC 9420 §13).
///
/// ```text
/// struct {
///     ExtensionType extension_type;
///     opaque extension_data<V>;
/// } Extension;
/// ```
public struct Extension: Hashable, Sendable {
    public var type: ExtensionType
    public var data: [UInt8]

    public init(type: ExtensionType, data: [UInt8]) {
        self.type = type
        self.data = data
    }
}

extension Extension: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(type)
        writer.writeOpaque(data)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        type = try reader.read()
        data = try reader.readOpaque()
    }
}
