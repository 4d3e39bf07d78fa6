/// The persisted form of a commit's effect, kept with a pending commit in a saved group state.
///
/// ```text
/// struct {
///     Sender committer;             // RFC 9420 §6
///     uint64 epoch;
///     uint32 added<V>;
///     uint32 removed<V>;
///     uint32 updated<V>;
///     bool is_own_commit;
///     optional<ReInit> reinit;      // RFC 9420 §12.1.5
///     bool removed_self;
/// } CommitSummary;
/// ```
extension CommitSummary: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(committer)
        writer.write(epoch)
        writer.writeVector(added)
        writer.writeVector(removed)
        writer.writeVector(updated)
        writer.write(isOwnCommit)
        writer.writeOptional(reinit)
        writer.write(removedSelf)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        self.init(
            committer: try reader.read(),
            epoch: try reader.readUInt64(),
            added: try reader.readVector(of: LeafIndex.self),
            removed: try reader.readVector(of: LeafIndex.self),
            updated: try reader.readVector(of: LeafIndex.self),
            isOwnCommit: try reader.readBool(),
            reinit: try reader.readOptional(of: ReInit.self),
            removedSelf: try reader.readBool())
    }
}
