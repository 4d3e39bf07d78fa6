/// An interior node of the ratchet tree (RFC 9420 §7.1).
///
/// ```text
/// struct {
///     HPKEPublicKey encryption_key;
///     opaque parent_hash<V>;
///     uint32 unmerged_leaves<V>;
/// } ParentNode;
/// ```
public struct ParentNode: Hashable, Sendable {
    public var encryptionKey: [UInt8]
    public var parentHash: [UInt8]
    /// Leaves below this node that do not know its private key; sorted increasingly when valid.
    public var unmergedLeaves: [LeafIndex]

    public init(encryptionKey: [UInt8], parentHash: [UInt8], unmergedLeaves: [LeafIndex]) {
        self.encryptionKey = encryptionKey
        self.parentHash = parentHash
        self.unmergedLeaves = unmergedLeaves
    }
}

extension ParentNode: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(encryptionKey)
        writer.writeOpaque(parentHash)
        writer.writeVector(unmergedLeaves)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        encryptionKey = try reader.readOpaque()
        parentHash = try reader.readOpaque()
        unmergedLeaves = try reader.readVector()
    }
}
