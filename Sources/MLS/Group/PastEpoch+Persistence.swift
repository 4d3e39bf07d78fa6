/// The persisted form of a past epoch's application keys, part of a saved group state.
///
/// ```text
/// struct {
///     uint64 epoch;
///     opaque encoded_context<V>;      // that epoch's GroupContext, encoded
///     RatchetTree tree;               // persisted form, full array
///     SecretTree secret_tree;
///     opaque sender_data_secret<V>;
/// } PastEpoch;
/// ```
///
/// The secret tree needs the group's cipher suite, so decoding takes the provider.
extension PastEpoch: TLSEncodable {
    func encode(to writer: inout TLSWriter) {
        writer.write(epoch)
        writer.writeOpaque(encodedContext)
        writer.write(tree)
        writer.write(secretTree)
        writer.writeOpaque(senderDataSecret.bytes)
    }

    init(from reader: inout TLSReader, provider: any CipherSuiteProvider) throws(CodecError) {
        self.init(
            epoch: try reader.readUInt64(),
            encodedContext: try reader.readOpaque(),
            tree: try reader.read(),
            secretTree: try SecretTree(from: &reader, provider: provider),
            senderDataSecret: Secret(try reader.readOpaque()))
    }
}
