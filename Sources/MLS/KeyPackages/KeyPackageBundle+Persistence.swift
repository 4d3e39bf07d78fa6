/// Saving an unused KeyPackage with its private keys, so that a Welcome naming it can be opened after a restart.
///
/// ```text
/// struct {
///     KeyPackage key_package;             // RFC 9420 §10
///     opaque init_private_key<V>;
///     opaque encryption_private_key<V>;
/// } KeyPackageBundleState;
/// ```
extension KeyPackageBundle {
    /// The bundle in the format described above.
    ///
    /// **Warning**: the result contains the bundle's HPKE private keys: anyone who reads it can open a Welcome
    /// naming the KeyPackage. Store it encrypted at rest, and erase it once the KeyPackage is used.
    public func serializedState() -> [UInt8] {
        var writer = TLSWriter()
        writer.write(keyPackage)
        writer.writeOpaque(initPrivateKey)
        writer.writeOpaque(encryptionPrivateKey)
        return writer.bytes
    }

    /// Restores a bundle from ``serializedState()``, checking the keys against the KeyPackage as
    /// ``init(keyPackage:initPrivateKey:encryptionPrivateKey:provider:)`` does.
    /// - Parameters:
    ///   - serializedState: Bytes from ``serializedState()``.
    ///   - provider: The cipher suite of the KeyPackage.
    /// - Throws: `GroupError.codec` for malformed or truncated input; `GroupError.keyPackage` when the KeyPackage is
    ///   invalid or a key does not belong to it.
    public init(serializedState: [UInt8], provider: some CipherSuiteProvider) throws(GroupError) {
        var reader = TLSReader(serializedState)
        let (keyPackage, initPrivateKey, encryptionPrivateKey) = try lift(GroupError.codec) {
            () throws(CodecError) in
            let parts = (try reader.read(UnverifiedKeyPackage.self), try reader.readOpaque(), try reader.readOpaque())
            try reader.finish()
            return parts
        }
        self = try lift(GroupError.keyPackage) { () throws(KeyPackageError) in
            try KeyPackageBundle(
                keyPackage: keyPackage, initPrivateKey: initPrivateKey, encryptionPrivateKey: encryptionPrivateKey,
                provider: provider)
        }
    }
}
