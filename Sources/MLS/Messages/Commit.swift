/// A commit: the proposals it applies and, optionally, an update path (RFC 9420 §12.4).
///
/// ```text
/// struct {
///     ProposalOrRef proposals<V>;
///     optional<UpdatePath> path;
/// } Commit;
/// ```
public struct Commit: Hashable, Sendable {
    public var proposals: [ProposalOrRef]
    public var path: UpdatePath?

    public init(proposals: [ProposalOrRef], path: UpdatePath?) {
        self.proposals = proposals
        self.path = path
    }
}

extension Commit: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeVector(proposals)
        writer.writeOptional(path)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        proposals = try reader.readVector()
        path = try reader.readOptional()
    }
}
