/// The persisted form of a group's status, part of a saved group state.
///
/// ```text
/// enum { active(0), removed(1), reinit_pending(2), reinitialized(3) } GroupStatusType;
///
/// struct {
///     GroupStatusType type;
///     select (type) {
///         case active:         struct {};
///         case removed:        struct {};
///         case reinit_pending: ReInit reinit;     // RFC 9420 §12.1.5
///         case reinitialized:  opaque successor_group_id<V>;
///     };
/// } GroupStatus;
/// ```
extension GroupStatus: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        switch self {
        case .active:
            writer.write(UInt8(0))
        case .removed:
            writer.write(UInt8(1))
        case .reinitPending(let reinit):
            writer.write(UInt8(2))
            writer.write(reinit)
        case .reinitialized(let successor):
            writer.write(UInt8(3))
            writer.writeOpaque(successor)
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        switch try reader.readUInt8() {
        case 0: self = .active
        case 1: self = .removed
        case 2: self = .reinitPending(try reader.read())
        case 3: self = .reinitialized(successor: try reader.readOpaque())
        case let other: throw .invalidValue(field: "GroupStatusType", value: UInt64(other))
        }
    }
}
