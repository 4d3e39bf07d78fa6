/// The body of a ReInit proposal: the parameters of the group that replaces this one (RFC 9420 §12.1.5).
///
/// ```text
/// struct {
///     opaque group_id<V>;
///     ProtocolVersion version;
///     CipherSuite cipher_suite;
///     Extension extensions<V>;
/// } ReInit;
/// ```
public struct ReInit: Hashable, Sendable {
    public var groupID: [UInt8]
    public var version: ProtocolVersion
    public var cipherSuite: CipherSuite
    public var extensions: [Extension]

    public init(groupID: [UInt8], version: ProtocolVersion, cipherSuite: CipherSuite, extensions: [Extension]) {
        self.groupID = groupID
        self.version = version
        self.cipherSuite = cipherSuite
        self.extensions = extensions
    }
}

extension ReInit: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(groupID)
        writer.write(version)
        writer.write(cipherSuite)
        writer.writeVector(extensions)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        groupID = try reader.readOpaque()
        version = try reader.read()
        cipherSuite = try reader.read()
        extensions = try reader.readVector()
    }
}
