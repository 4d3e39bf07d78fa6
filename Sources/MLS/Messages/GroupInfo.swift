/// The signed description of a group that a joiner needs (RFC 9420 §12.4.3).
///
/// ```text
/// struct {
///     GroupContext group_context;
///     Extension extensions<V>;
///     MAC confirmation_tag;
///     uint32 signer;
///     /* SignWithLabel(., "GroupInfoTBS", GroupInfoTBS) */
///     opaque signature<V>;
/// } GroupInfo;
/// ```
public struct GroupInfo: Hashable, Sendable {
    public var groupContext: GroupContext
    public var extensions: [Extension]
    /// `MAC confirmation_tag` (`opaque MAC<V>`).
    public var confirmationTag: [UInt8]
    /// The leaf index of the member that signed.
    public var signer: LeafIndex
    public var signature: [UInt8]

    public init(
        groupContext: GroupContext,
        extensions: [Extension],
        confirmationTag: [UInt8],
        signer: LeafIndex,
        signature: [UInt8]
    ) {
        self.groupContext = groupContext
        self.extensions = extensions
        self.confirmationTag = confirmationTag
        self.signer = signer
        self.signature = signature
    }

    /// The `GroupInfoTBS` encoding: every field above the signature, which signs it (§12.4.3).
    ///
    /// ```text
    /// struct {
    ///     GroupContext group_context;
    ///     Extension extensions<V>;
    ///     MAC confirmation_tag;
    ///     uint32 signer;
    /// } GroupInfoTBS;
    /// ```
    public var tbsEncoded: [UInt8] {
        var writer = TLSWriter(reservingCapacity: 256)
        encodeUnsignedFields(to: &writer)
        return writer.bytes
    }

    private func encodeUnsignedFields(to writer: inout TLSWriter) {
        writer.write(groupContext)
        writer.writeVector(extensions)
        writer.writeOpaque(confirmationTag)
        writer.write(signer)
    }
}

extension GroupInfo: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        encodeUnsignedFields(to: &writer)
        writer.writeOpaque(signature)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        groupContext = try reader.read()
        extensions = try reader.readVector()
        confirmationTag = try reader.readOpaque()
        signer = try reader.read()
        signature = try reader.readOpaque()
    }
}
