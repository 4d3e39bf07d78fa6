/// The sender of a framed message (RFC 9420 §6).
///
/// ```text
/// struct {
///     SenderType sender_type;
///     select (Sender.sender_type) {
///         case member:
///             uint32 leaf_index;
///         case external:
///             uint32 sender_index;
///         case new_member_commit:
///         case new_member_proposal:
///             struct{};
///     };
/// } Sender;
/// ```
public enum Sender: Hashable, Sendable {
    /// A member, by its leaf index.
    case member(LeafIndex)
    /// An external sender, by its index in the `external_senders` extension (§12.1.8.1).
    case external(senderIndex: UInt32)
    case newMemberProposal
    case newMemberCommit

    public var type: SenderType {
        switch self {
        case .member: .member
        case .external: .external
        case .newMemberProposal: .newMemberProposal
        case .newMemberCommit: .newMemberCommit
        }
    }
}

extension Sender: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(type)
        switch self {
        case .member(let leaf): writer.write(leaf)
        case .external(let index): writer.write(index)
        case .newMemberProposal, .newMemberCommit: break
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        switch try reader.read(SenderType.self) {
        case .member: self = .member(try reader.read())
        case .external: self = .external(senderIndex: try reader.readUInt32())
        case .newMemberProposal: self = .newMemberProposal
        case .newMemberCommit: self = .newMemberCommit
        }
    }
}
