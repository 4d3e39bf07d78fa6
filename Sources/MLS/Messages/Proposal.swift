/// A proposed change to the group (RFC 9420 §12.1).
///
/// Each case carries the body struct of its type (`Add`, `Update`, `Remove`, `PreSharedKey`,
/// `ReInit`, `ExternalInit`, `GroupContextExtensions`). A proposal of a type without a body
/// defined here cannot be decoded, since its length is unknown.
///
/// ```text
/// struct {
///     ProposalType proposal_type;
///     select (Proposal.proposal_type) {
///         case add:                      Add;            // KeyPackage key_package;
///         case update:                   Update;         // LeafNode leaf_node;
///         case remove:                   Remove;         // uint32 removed;
///         case psk:                      PreSharedKey;   // PreSharedKeyID psk;
///         case reinit:                   ReInit;
///         case external_init:            ExternalInit;   // opaque kem_output<V>;
///         case group_context_extensions: GroupContextExtensions; // Extension extensions<V>;
///     };
/// } Proposal;
/// ```
public enum Proposal: Hashable, Sendable {
    case add(UnverifiedKeyPackage)
    case update(LeafNode)
    case remove(LeafIndex)
    case preSharedKey(PreSharedKeyID)
    case reInit(ReInit)
    case externalInit(kemOutput: [UInt8])
    case groupContextExtensions([Extension])
    /// SelfRemove (draft-ietf-mls-extensions): the sender asks to be removed. `struct {} SelfRemove;`
    case selfRemove

    public var type: ProposalType {
        switch self {
        case .add: .add
        case .update: .update
        case .remove: .remove
        case .preSharedKey: .psk
        case .reInit: .reinit
        case .externalInit: .externalInit
        case .groupContextExtensions: .groupContextExtensions
        case .selfRemove: .selfRemove
        }
    }

    /// Decodes a proposal body alone (the `Add`, `Update`, … struct), its type known from elsewhere.
    ///
    /// - Throws: `CodecError.invalidValue` when `type` has no body defined here.
    public init(type: ProposalType, bodyFrom reader: inout TLSReader) throws(CodecError) {
        switch type {
        case .add: self = .add(try reader.read())
        case .update: self = .update(try reader.read())
        case .remove: self = .remove(try reader.read())
        case .psk: self = .preSharedKey(try reader.read())
        case .reinit: self = .reInit(try reader.read())
        case .externalInit: self = .externalInit(kemOutput: try reader.readOpaque())
        case .groupContextExtensions: self = .groupContextExtensions(try reader.readVector())
        case .selfRemove: self = .selfRemove
        default: throw .invalidValue(field: "ProposalType", value: UInt64(type.rawValue))
        }
    }

    /// Writes the proposal body alone (the `Add`, `Update`, … struct), without its type.
    public func encodeBody(to writer: inout TLSWriter) {
        switch self {
        case .add(let keyPackage): writer.write(keyPackage)
        case .update(let leafNode): writer.write(leafNode)
        case .remove(let removed): writer.write(removed)
        case .preSharedKey(let psk): writer.write(psk)
        case .reInit(let reInit): writer.write(reInit)
        case .externalInit(let kemOutput): writer.writeOpaque(kemOutput)
        case .groupContextExtensions(let extensions): writer.writeVector(extensions)
        case .selfRemove: break
        }
    }
}

extension Proposal: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(type)
        encodeBody(to: &writer)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let type = try reader.read(ProposalType.self)
        try self.init(type: type, bodyFrom: &reader)
    }
}
