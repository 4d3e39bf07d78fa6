/// The outermost MLS message: a protocol version, a wire format and the body it selects (RFC 9420 §6).
///
/// ```text
///   Proposal        Commit     Application Data
///      +--------------+--------------+
///                     v
///               FramedContent ---- sign ----> FramedContentAuthData
///                     v                              v
///               AuthenticatedContent <---------------+
///           MAC /             \ encrypt
///              v               v
///      PublicMessage     PrivateMessage    Welcome   GroupInfo   KeyPackage
///              +---------------+--------------+---------+------------+
///                                             v
///                                         MLSMessage
/// ```
///
/// ```text
/// struct {
///     ProtocolVersion version = mls10;
///     WireFormat wire_format;
///     select (MLSMessage.wire_format) {
///         case mls_public_message:  PublicMessage public_message;
///         case mls_private_message: PrivateMessage private_message;
///         case mls_welcome:         Welcome welcome;
///         case mls_group_info:      GroupInfo group_info;
///         case mls_key_package:     KeyPackage key_package;
///     };
/// } MLSMessage;
/// ```
public struct MLSMessage: Hashable, Sendable {
    /// The message proper, its case giving the `wire_format`.
    public enum Body: Hashable, Sendable {
        case publicMessage(PublicMessage)
        case privateMessage(PrivateMessage)
        case welcome(Welcome)
        case groupInfo(GroupInfo)
        case keyPackage(UnverifiedKeyPackage)

        public var wireFormat: WireFormat {
            switch self {
            case .publicMessage: .publicMessage
            case .privateMessage: .privateMessage
            case .welcome: .welcome
            case .groupInfo: .groupInfo
            case .keyPackage: .keyPackage
            }
        }
    }

    /// Always `mls10`: decoding rejects any other version.
    public var version: ProtocolVersion { .mls10 }
    public var body: Body

    public init(body: Body) { self.body = body }

    public var wireFormat: WireFormat { body.wireFormat }
}

extension MLSMessage: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(version)
        writer.write(body.wireFormat)
        switch body {
        case .publicMessage(let message): writer.write(message)
        case .privateMessage(let message): writer.write(message)
        case .welcome(let welcome): writer.write(welcome)
        case .groupInfo(let groupInfo): writer.write(groupInfo)
        case .keyPackage(let keyPackage): writer.write(keyPackage)
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let version = try reader.read(ProtocolVersion.self)
        guard version == .mls10 else { throw .invalidValue(field: "ProtocolVersion", value: UInt64(version.rawValue)) }
        let wireFormat = try reader.read(WireFormat.self)
        switch wireFormat {
        case .publicMessage: body = .publicMessage(try reader.read())
        case .privateMessage: body = .privateMessage(try reader.read())
        case .welcome: body = .welcome(try reader.read())
        case .groupInfo: body = .groupInfo(try reader.read())
        case .keyPackage: body = .keyPackage(try reader.read())
        default: throw .invalidValue(field: "WireFormat", value: UInt64(wireFormat.rawValue))
        }
    }
}
