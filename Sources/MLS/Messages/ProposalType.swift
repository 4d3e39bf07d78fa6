/// A proposal type (RFC 9420 §12.1, §17.4).
///
/// Unknown values are representable because they appear in capabilities lists; a `Proposal`
/// of an unknown type cannot be decoded.
///
/// ```text
/// uint16 ProposalType;
/// ```
public struct ProposalType: RawRepresentable, Hashable, Sendable, Comparable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let add = ProposalType(rawValue: 0x0001)
    public static let update = ProposalType(rawValue: 0x0002)
    public static let remove = ProposalType(rawValue: 0x0003)
    public static let psk = ProposalType(rawValue: 0x0004)
    public static let reinit = ProposalType(rawValue: 0x0005)
    public static let externalInit = ProposalType(rawValue: 0x0006)
    public static let groupContextExtensions = ProposalType(rawValue: 0x0007)
    /// `self_remove` (draft-ietf-mls-extensions, "SelfRemove Proposal"; suggested value 0x000a): a member asks
    /// to leave. Not a default type: members list it in their capabilities.
    public static let selfRemove = ProposalType(rawValue: 0x000A)

    public static func < (lhs: ProposalType, rhs: ProposalType) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension ProposalType: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(rawValue) }
    public init(from reader: inout TLSReader) throws(CodecError) { rawValue = try reader.readUInt16() }
}
