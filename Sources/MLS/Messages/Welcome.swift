/// The message that adds new members: per-member group secrets and the encrypted GroupInfo
/// (RFC 9420 §12.4.3.1).
///
/// ```text
/// struct {
///   CipherSuite cipher_suite;
///   EncryptedGroupSecrets secrets<V>;
///   opaque encrypted_group_info<V>;
/// } Welcome;
/// ```
public struct Welcome: Hashable, Sendable {
    public var cipherSuite: CipherSuite
    public var secrets: [EncryptedGroupSecrets]
    public var encryptedGroupInfo: [UInt8]

    public init(cipherSuite: CipherSuite, secrets: [EncryptedGroupSecrets], encryptedGroupInfo: [UInt8]) {
        self.cipherSuite = cipherSuite
        self.secrets = secrets
        self.encryptedGroupInfo = encryptedGroupInfo
    }
}

extension Welcome: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(cipherSuite)
        writer.writeVector(secrets)
        writer.writeOpaque(encryptedGroupInfo)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        cipherSuite = try reader.read()
        secrets = try reader.readVector()
        encryptedGroupInfo = try reader.readOpaque()
    }
}
