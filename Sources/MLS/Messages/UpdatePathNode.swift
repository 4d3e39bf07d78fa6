/// One node of an update path: a new public key and its path secret encrypted to the copath
/// node's resolution (RFC 9420 §7.6).
///
/// ```text
/// struct {
///     HPKEPublicKey encryption_key;
///     HPKECiphertext encrypted_path_secret<V>;
/// } UpdatePathNode;
/// ```
public struct UpdatePathNode: Hashable, Sendable {
    public var encryptionKey: [UInt8]
    public var encryptedPathSecret: [HPKECiphertext]

    public init(encryptionKey: [UInt8], encryptedPathSecret: [HPKECiphertext]) {
        self.encryptionKey = encryptionKey
        self.encryptedPathSecret = encryptedPathSecret
    }
}

extension UpdatePathNode: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(encryptionKey)
        writer.writeVector(encryptedPathSecret)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        encryptionKey = try reader.readOpaque()
        encryptedPathSecret = try reader.readVector()
    }
}
