/// The kind of party that sent a framed message (RFC 9420 §6).
///
/// ```text
/// enum {
///     reserved(0),
///     member(1),
///     external(2),
///     new_member_proposal(3),
///     new_member_commit(4),
///     (255)
/// } SenderType;
/// ```
public enum SenderType: UInt8, Hashable, Sendable {
    case member = 1
    case external = 2
    case newMemberProposal = 3
    case newMemberCommit = 4
}

extension SenderType: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(rawValue) }
    public init(from reader: inout TLSReader) throws(CodecError) { self = try reader.readEnum(field: "SenderType") }
}
