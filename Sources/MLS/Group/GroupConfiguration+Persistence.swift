/// The persisted form of a group's configuration, part of a saved group state.
///
/// ```text
/// uint16 HandshakeWireFormat;   // mls_public_message(1) or mls_private_message(2)
///
/// struct {
///     HandshakeWireFormat handshake_wire_format;
///     bool enforce_handshake_wire_format;
///     PaddingPolicy padding;
///     SecretTreeConfiguration secret_tree;
///     uint32 past_epochs;                     // a negative Int is saved as 0
///     bool ratchet_tree_in_welcome;
///     bool external_pub_in_group_info;
///     optional<uint64> maximum_key_package_lifetime;
///     bool check_lifetime_of_received_key_packages;
///     uint32 resumption_psk_epochs;           // a negative Int is saved as 0
/// } GroupConfiguration;
/// ```
extension GroupConfiguration: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(handshakeWireFormat)
        writer.write(enforceHandshakeWireFormat)
        writer.write(padding)
        writer.write(secretTree)
        writer.write(UInt32(clamping: pastEpochs))
        writer.write(ratchetTreeInWelcome)
        writer.write(externalPubInGroupInfo)
        writer.writeOptional(maximumKeyPackageLifetime)
        writer.write(checkLifetimeOfReceivedKeyPackages)
        writer.write(UInt32(clamping: resumptionPSKEpochs))
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        self.init(
            handshakeWireFormat: try reader.read(),
            enforceHandshakeWireFormat: try reader.readBool(),
            padding: try reader.read(),
            secretTree: try reader.read(),
            pastEpochs: Int(try reader.readUInt32()),
            ratchetTreeInWelcome: try reader.readBool(),
            externalPubInGroupInfo: try reader.readBool(),
            maximumKeyPackageLifetime: try reader.readOptional(of: UInt64.self),
            checkLifetimeOfReceivedKeyPackages: try reader.readBool(),
            resumptionPSKEpochs: Int(try reader.readUInt32()))
    }
}

/// The persisted form of the handshake wire format: the `WireFormat` value it selects
/// (RFC 9420 §6: `mls_public_message(1)`, `mls_private_message(2)`).
extension GroupConfiguration.HandshakeWireFormat: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        switch self {
        case .publicMessage: writer.write(UInt16(1))
        case .privateMessage: writer.write(UInt16(2))
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        switch try reader.readUInt16() {
        case 1: self = .publicMessage
        case 2: self = .privateMessage
        case let other: throw .invalidValue(field: "HandshakeWireFormat", value: UInt64(other))
        }
    }
}
