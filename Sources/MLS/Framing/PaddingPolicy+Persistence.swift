/// The persisted form of a padding policy, part of a saved group configuration.
///
/// ```text
/// enum { none(0), to_multiple(1) } PaddingPolicyType;
///
/// struct {
///     PaddingPolicyType type;
///     select (type) {
///         case none:        struct {};
///         case to_multiple: uint32 block;   // at most 2^24
///     };
/// } PaddingPolicy;
/// ```
///
/// A negative block pads nothing and is saved as 0; a block above 2^24 bytes cannot pad a
/// message MLS can carry and is saved as 2^24.
extension PaddingPolicy: TLSCodable {
    /// The largest block size a persisted policy holds.
    static let maximumPersistedBlock = 1 << 24

    public func encode(to writer: inout TLSWriter) {
        switch self {
        case .none:
            writer.write(UInt8(0))
        case .toMultiple(let block):
            writer.write(UInt8(1))
            writer.write(UInt32(min(max(block, 0), Self.maximumPersistedBlock)))
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        switch try reader.readUInt8() {
        case 0:
            self = .none
        case 1:
            let block = try reader.readUInt32()
            guard block <= Self.maximumPersistedBlock else {
                throw .invalidValue(field: "padding block", value: UInt64(block))
            }
            self = .toMultiple(of: Int(block))
        case let other:
            throw .invalidValue(field: "PaddingPolicyType", value: UInt64(other))
        }
    }
}
