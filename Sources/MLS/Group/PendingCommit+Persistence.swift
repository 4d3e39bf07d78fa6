/// The persisted form of our own commit awaiting its echo, part of a saved group state.
///
/// ```text
/// struct {
///     MLSMessage message;     // RFC 9420 §6, exactly as sent
///     StagedEpoch staged;
/// } PendingCommit;
/// ```
extension PendingCommit: TLSCodable {
    func encode(to writer: inout TLSWriter) {
        writer.write(message)
        writer.write(staged)
    }

    init(from reader: inout TLSReader) throws(CodecError) {
        self.init(message: try reader.read(), staged: try reader.read())
    }
}
