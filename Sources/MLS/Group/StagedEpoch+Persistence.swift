/// The persisted form of a staged next epoch, kept with a pending commit in a saved group state.
///
/// ```text
/// struct {
///     GroupContext context;                 // RFC 9420 §8.1
///     RatchetTree tree;                     // persisted form, full array
///     opaque interim_transcript_hash<V>;
///     optional<EpochSecrets> secrets;
///     TreePrivateKeys private_keys;
///     CommitSummary summary;
/// } StagedEpoch;
/// ```
extension StagedEpoch: TLSCodable {
    func encode(to writer: inout TLSWriter) {
        writer.write(context)
        writer.write(tree)
        writer.writeOpaque(interimTranscriptHash)
        writer.writeOptional(secrets)
        writer.write(privateKeys)
        writer.write(summary)
    }

    init(from reader: inout TLSReader) throws(CodecError) {
        self.init(
            context: try reader.read(),
            tree: try reader.read(),
            interimTranscriptHash: try reader.readOpaque(),
            secrets: try reader.readOptional(of: EpochSecrets.self),
            privateKeys: try reader.read(),
            summary: try reader.read())
    }
}
