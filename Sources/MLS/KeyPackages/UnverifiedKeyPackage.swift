/// A client's signed offer to be added to groups, as transmitted (RFC 9420 §10).
///
/// This is the raw decoded structure: nothing about it has been verified. Validation
/// (§10.1: version, suite, signature, leaf node, init key distinct from encryption key) happens
/// when it is turned into a ``KeyPackage``, the only kind a directory serves and a member trusts.
///
/// ```text
/// struct {
///     ProtocolVersion version;
///     CipherSuite cipher_suite;
///     HPKEPublicKey init_key;
///     LeafNode leaf_node;
///     Extension extensions<V>;
///     /* SignWithLabel(., "KeyPackageTBS", KeyPackageTBS) */
///     opaque signature<V>;
/// } KeyPackage;
/// ```
public struct UnverifiedKeyPackage: Hashable, Sendable {
    public var version: ProtocolVersion
    public var cipherSuite: CipherSuite
    /// `HPKEPublicKey init_key`.
    public var initKey: [UInt8]
    public var leafNode: LeafNode
    public var extensions: [Extension]
    public var signature: [UInt8]

    public init(
        version: ProtocolVersion,
        cipherSuite: CipherSuite,
        initKey: [UInt8],
        leafNode: LeafNode,
        extensions: [Extension],
        signature: [UInt8]
    ) {
        self.version = version
        self.cipherSuite = cipherSuite
        self.initKey = initKey
        self.leafNode = leafNode
        self.extensions = extensions
        self.signature = signature
    }

    /// The `KeyPackageTBS` encoding: every field but the signature, which signs it (§10).
    ///
    /// ```text
    /// struct {
    ///     ProtocolVersion version;
    ///     CipherSuite cipher_suite;
    ///     HPKEPublicKey init_key;
    ///     LeafNode leaf_node;
    ///     Extension extensions<V>;
    /// } KeyPackageTBS;
    /// ```
    public var tbsEncoded: [UInt8] {
        var writer = TLSWriter(reservingCapacity: 512)
        encodeUnsignedFields(to: &writer)
        return writer.bytes
    }

    private func encodeUnsignedFields(to writer: inout TLSWriter) {
        writer.write(version)
        writer.write(cipherSuite)
        writer.writeOpaque(initKey)
        writer.write(leafNode)
        writer.writeVector(extensions)
    }
}

extension UnverifiedKeyPackage: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        encodeUnsignedFields(to: &writer)
        writer.writeOpaque(signature)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        version = try reader.read()
        cipherSuite = try reader.read()
        initKey = try reader.readOpaque()
        leafNode = try reader.read()
        extensions = try reader.readVector()
        signature = try reader.readOpaque()
    }
}
