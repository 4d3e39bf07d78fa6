/// The persisted form of a cached proposal, part of a saved group state.
///
/// ```text
/// struct {
///     opaque ref<V>;          // ProposalRef, RFC 9420 §5.2
///     Proposal proposal;      // RFC 9420 §12.1
///     Sender sender;          // RFC 9420 §6
/// } ProposalCacheEntry;
/// ```
extension ProposalCacheEntry: TLSCodable {
    func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(ref)
        writer.write(proposal)
        writer.write(sender)
    }

    init(from reader: inout TLSReader) throws(CodecError) {
        self.init(ref: try reader.readOpaque(), proposal: try reader.read(), sender: try reader.read())
    }
}
