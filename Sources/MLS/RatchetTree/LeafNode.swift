/// A member's leaf in the ratchet tree, signed by that member (RFC 9420 §7.2).
///
/// This is the wire structure; its signature and contents are checked by leaf validation.
///
/// ```text
/// struct {
///     HPKEPublicKey encryption_key;
///     SignaturePublicKey signature_key;
///     Credential credential;
///     Capabilities capabilities;
///
///     LeafNodeSource leaf_node_source;
///     select (LeafNode.leaf_node_source) {
///         case key_package: Lifetime lifetime;
///         case update:      struct{};
///         case commit:      opaque parent_hash<V>;
///     };
///
///     Extension extensions<V>;
///     /* SignWithLabel(., "LeafNodeTBS", LeafNodeTBS) */
///     opaque signature<V>;
/// } LeafNode;
/// ```
public struct LeafNode: Hashable, Sendable {
    /// `HPKEPublicKey encryption_key`.
    public var encryptionKey: [UInt8]
    /// `SignaturePublicKey signature_key`.
    public var signatureKey: [UInt8]
    public var credential: Credential
    public var capabilities: Capabilities
    public var source: LeafNodeSource
    public var extensions: [Extension]
    public var signature: [UInt8]

    public init(
        encryptionKey: [UInt8],
        signatureKey: [UInt8],
        credential: Credential,
        capabilities: Capabilities,
        source: LeafNodeSource,
        extensions: [Extension],
        signature: [UInt8]
    ) {
        self.encryptionKey = encryptionKey
        self.signatureKey = signatureKey
        self.credential = credential
        self.capabilities = capabilities
        self.source = source
        self.extensions = extensions
        self.signature = signature
    }

    /// The `LeafNodeTBS` encoding, the content of the leaf node's signature (§7.2).
    ///
    /// ```text
    /// struct {
    ///     ... every LeafNode field except signature ...
    ///     select (LeafNodeTBS.leaf_node_source) {
    ///         case key_package: struct{};
    ///         case update:      opaque group_id<V>; uint32 leaf_index;
    ///         case commit:      opaque group_id<V>; uint32 leaf_index;
    ///     };
    /// } LeafNodeTBS;
    /// ```
    ///
    /// - Parameters:
    ///   - groupID: The group the leaf belongs to; appended only for `update` and `commit` sources.
    ///   - leafIndex: The leaf's position; appended only for `update` and `commit` sources.
    /// - Returns: The bytes to pass to `SignWithLabel(., "LeafNodeTBS", .)`.
    public func tbsEncoded(groupID: [UInt8], leafIndex: LeafIndex) -> [UInt8] {
        var writer = TLSWriter(reservingCapacity: 256)
        encodeUnsignedFields(to: &writer)
        switch source {
        case .keyPackage:
            break
        case .update, .commit:
            writer.writeOpaque(groupID)
            writer.write(leafIndex)
        }
        return writer.bytes
    }

    /// The `LeafNodeTBS` encoding of a leaf node whose source is `key_package` (§7.2).
    ///
    /// - Returns: nil when the source is `update` or `commit`, whose TBS needs the group ID and leaf index.
    public var keyPackageTBSEncoded: [UInt8]? {
        guard case .keyPackage = source else { return nil }
        var writer = TLSWriter(reservingCapacity: 256)
        encodeUnsignedFields(to: &writer)
        return writer.bytes
    }

    private func encodeUnsignedFields(to writer: inout TLSWriter) {
        writer.writeOpaque(encryptionKey)
        writer.writeOpaque(signatureKey)
        writer.write(credential)
        writer.write(capabilities)
        writer.write(source)
        writer.writeVector(extensions)
    }
}

extension LeafNode: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        encodeUnsignedFields(to: &writer)
        writer.writeOpaque(signature)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        encryptionKey = try reader.readOpaque()
        signatureKey = try reader.readOpaque()
        credential = try reader.read()
        capabilities = try reader.read()
        source = try reader.read()
        extensions = try reader.readVector()
        signature = try reader.readOpaque()
    }
}
