/// A proposal in a commit, given by value or by its `ProposalRef` (RFC 9420 §12.4).
///
/// ```text
/// enum {
///   reserved(0),
///   proposal(1),
///   reference(2),
///   (255)
/// } ProposalOrRefType;
///
/// struct {
///   ProposalOrRefType type;
///   select (ProposalOrRef.type) {
///     case proposal:  Proposal proposal;
///     case reference: ProposalRef reference;   // opaque HashReference<V>
///   };
/// } ProposalOrRef;
/// ```
public enum ProposalOrRef: Hashable, Sendable {
    case proposal(Proposal)
    /// A `ProposalRef`: the RefHash of the AuthenticatedContent that carried the proposal (§5.2).
    case reference([UInt8])
}

extension ProposalOrRef: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        switch self {
        case .proposal(let proposal):
            writer.write(UInt8(1))
            writer.write(proposal)
        case .reference(let reference):
            writer.write(UInt8(2))
            writer.writeOpaque(reference)
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let type = try reader.readUInt8()
        switch type {
        case 1: self = .proposal(try reader.read())
        case 2: self = .reference(try reader.readOpaque())
        default: throw .invalidValue(field: "ProposalOrRefType", value: UInt64(type))
        }
    }
}
