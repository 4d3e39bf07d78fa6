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
            writer.writeOpaque(secret)
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        self.init(
            senderDataSecret: try reader.readOpaque(),
            encryptionSecret: try reader.readOpaque(),
            exporterSecret: try reader.readOpaque(),
            externalSecret: try reader.readOpaque(),
            confirmationKey: try reader.readOpaque(),
            membershipKey: try reader.readOpaque(),
            resumptionPSK: try reader.readOpaque(),
            epochAuthenticator: try reader.readOpaque(),
            initSecret: try reader.readOpaque())
    }
}
