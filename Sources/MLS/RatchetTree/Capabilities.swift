/// What a client supports, as advertised in its leaf node (RFC 9420 §7.2).
///
/// Every list may hold values unknown to this implementation (GREASE values among them).
///
/// ```text
/// struct {
///     ProtocolVersion versions<V>;
///     CipherSuite cipher_suites<V>;
///     ExtensionType extensions<V>;
///     ProposalType proposals<V>;
///     CredentialType credentials<V>;
/// } Capabilities;
/// ```
public struct Capabilities: Hashable, Sendable {
    public var versions: [ProtocolVersion]
    public var cipherSuites: [CipherSuite]
    public var extensions: [ExtensionType]
    public var proposals: [ProposalType]
    public var credentials: [CredentialType]

    public init(
        versions: [ProtocolVersion],
        cipherSuites: [CipherSuite],
        extensions: [ExtensionType],
        proposals: [ProposalType],
        credentials: [CredentialType]
    ) {
        self.versions = versions
        self.cipherSuites = cipherSuites
        self.extensions = extensions
        self.proposals = proposals
        self.credentials = credentials
    }
}

extension Capabilities: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeVector(versions)
        writer.writeVector(cipherSuites)
        writer.writeVector(extensions)
        writer.writeVector(proposals)
        writer.writeVector(credentials)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        versions = try reader.readVector()
        cipherSuites = try reader.readVector()
        extensions = try reader.readVector()
        proposals = try reader.readVector()
        credentials = try reader.readVector()
    }
}
