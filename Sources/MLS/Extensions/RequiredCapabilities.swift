/// The `required_capabilities` group context extension: what every member must support (RFC 9420 §11.1).
///
/// The default proposal and extension types (§7.2) are implemented by every client and need not be listed
/// in a leaf's capabilities to satisfy this extension; credential types have no defaults.
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

    /// Finds and decodes the `required_capabilities` extension in a list, as a GroupContext carries.
    ///
    /// - Returns: nil when the list has no such extension.
    /// - Throws: `CodecError` when the extension's data is not a well-formed RequiredCapabilities.
    public init?(in extensions: [Extension]) throws(CodecError) {
        guard let found = extensions.first(where: { $0.type == .requiredCapabilities }) else { return nil }
        self = try RequiredCapabilities(tlsEncoded: found.data)
    }

    /// The extension that carries this value.
    public var asExtension: Extension { Extension(type: .requiredCapabilities, data: tlsEncoded) }
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
