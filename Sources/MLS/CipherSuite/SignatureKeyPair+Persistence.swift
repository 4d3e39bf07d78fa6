/// The persisted form of a member's signature key pair, part of a saved group state.
///
/// ```text
/// struct {
///     opaque private_key<V>;
///     opaque public_key<V>;
/// } SignatureKeyPair;
/// ```
extension SignatureKeyPair: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(privateKey)
        writer.writeOpaque(publicKey)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        self.init(privateKey: try reader.readOpaque(), publicKey: try reader.readOpaque())
    }
}
