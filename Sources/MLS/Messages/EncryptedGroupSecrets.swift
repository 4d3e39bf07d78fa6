/// Group secrets encrypted to one new member, named by its key package (RFC 9420 §12.4.3.1).
///
/// ```text
/// struct {
///   KeyPackageRef new_member;          // opaque HashReference<V>
///   HPKECiphertext encrypted_group_secrets;
/// } EncryptedGroupSecrets;
/// ```
public struct EncryptedGroupSecrets: Hashable, Sendable {
    /// The `KeyPackageRef` of the new member's key package (§5.2).
    public var newMember: [UInt8]
    public var encryptedGroupSecrets: HPKECiphertext

    public init(newMember: [UInt8], encryptedGroupSecrets: HPKECiphertext) {
        self.newMember = newMember
        self.encryptedGroupSecrets = encryptedGroupSecrets
    }
}

extension EncryptedGroupSecrets: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(newMember)
        writer.write(encryptedGroupSecrets)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        newMember = try reader.readOpaque()
        encryptedGroupSecrets = try reader.read()
    }
}
