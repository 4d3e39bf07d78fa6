import MLS

/// An unused KeyPackage and its private keys, as its sealed `key-package` record holds them, in the TLS
/// presentation language (RFC 9420 §2.1).
///
/// ```text
/// struct {
///     KeyPackage key_package;          // RFC 9420 §10
///     opaque init_private_key<V>;
///     opaque encryption_private_key<V>;
/// } BotKeyPackageRecord;
/// ```
struct BotKeyPackageRecord: Hashable, Sendable {
    var keyPackage: KeyPackage
    var initPrivateKey: [UInt8]
    var encryptionPrivateKey: [UInt8]
}

extension BotKeyPackageRecord {
    /// The record of a bundle.
    init(_ bundle: KeyPackageBundle) {
        self.init(
            keyPackage: bundle.keyPackage, initPrivateKey: bundle.initPrivateKey,
            encryptionPrivateKey: bundle.encryptionPrivateKey)
    }

    /// The bundle again, its keys checked against the KeyPackage.
    /// - Throws: `KeyPackageError` when the KeyPackage is invalid or a key does not belong to it.
    func bundle(provider: some CipherSuiteProvider) throws(KeyPackageError) -> KeyPackageBundle {
        try KeyPackageBundle(
            keyPackage: keyPackage, initPrivateKey: initPrivateKey, encryptionPrivateKey: encryptionPrivateKey,
            provider: provider)
    }
}

extension BotKeyPackageRecord: TLSCodable {
    func encode(to writer: inout TLSWriter) {
        writer.write(keyPackage)
        writer.writeOpaque(initPrivateKey)
        writer.writeOpaque(encryptionPrivateKey)
    }

    init(from reader: inout TLSReader) throws(CodecError) {
        self.init(
            keyPackage: try reader.read(), initPrivateKey: try reader.readOpaque(),
            encryptionPrivateKey: try reader.readOpaque())
    }
}
