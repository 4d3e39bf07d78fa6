/// The body of the `required_capabilities` extension: what every member must support (RFC 9420 §11.1).
///
/// ```text
/// struct {
///     ExtensionType extension_types<V>;
///     ProposalType proposal_types<V>;
///     CredentialType credential_types<V>;
/// } RequiredCapabilities;
/// ```
public struct RequiredCapabilities: Hashable, Sendable {
    public var extensionTypes: [ExtensionType]
    public var proposalTypes: [ProposalType]
    public var credentialTypes: [CredentialType]

    public init(extensionTypes: [ExtensionType], proposalTypes: [ProposalType], credentialTypes: [CredentialType]) {
        self.extensionTypes = extensionTypes
        self.proposalTypes = proposalTypes
        self.credentialTypes = credentialTypes
    }
}

extension RequiredCapabilities: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeVector(extensionTypes)
        writer.writeVector(proposalTypes)
        writer.writeVector(credentialTypes)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        extensionTypes = try reader.readVector()
        proposalTypes = try reader.readVector()
        credentialTypes = try reader.readVector()
    }
}
