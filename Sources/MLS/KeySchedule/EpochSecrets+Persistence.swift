/// The persisted form of one epoch's secrets (RFC 9420 §8), part of a saved group state.
///
/// ```text
/// struct {
///     opaque sender_data_secret<V>;
///     opaque encryption_secret<V>;
///     opaque exporter_secret<V>;
///     opaque external_secret<V>;
///     opaque confirmation_key<V>;
///     opaque membership_key<V>;
///     opaque resumption_psk<V>;
///     opaque epoch_authenticator<V>;
///     opaque init_secret<V>;
/// } EpochSecrets;
/// ```
extension EpochSecrets: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        for secret in [
            senderDataSecret, encryptionSecret, exporterSecret, externalSecret, confirmationKey, membershipKey,
            resumptionPSK, epochAuthenticator, initSecret,
        ] {
            writer.writeOpaque(secret.bytes)
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        self.init(
            senderDataSecret: Secret(try reader.readOpaque()),
            encryptionSecret: Secret(try reader.readOpaque()),
            exporterSecret: Secret(try reader.readOpaque()),
            externalSecret: Secret(try reader.readOpaque()),
            confirmationKey: Secret(try reader.readOpaque()),
            membershipKey: Secret(try reader.readOpaque()),
            resumptionPSK: Secret(try reader.readOpaque()),
            epochAuthenticator: Secret(try reader.readOpaque()),
            initSecret: Secret(try reader.readOpaque()))
    }
}
