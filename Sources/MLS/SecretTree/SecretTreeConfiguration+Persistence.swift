/// The persisted form of the secret tree's out-of-order limits, part of a saved group state.
///
/// ```text
/// struct {
///     uint32 max_forward_distance;
///     uint32 out_of_order_tolerance;
///     uint64 max_retained_keys;      // a negative Int, which no ratchet can use, is saved as 0
/// } SecretTreeConfiguration;
/// ```
extension SecretTreeConfiguration: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(maxForwardDistance)
        writer.write(outOfOrderTolerance)
        writer.write(UInt64(clamping: maxRetainedKeys))
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let maxForwardDistance = try reader.readUInt32()
        let outOfOrderTolerance = try reader.readUInt32()
        let maxRetainedKeys = try reader.readUInt64()
        guard let retained = Int(exactly: maxRetainedKeys) else {
            throw .invalidValue(field: "max_retained_keys", value: maxRetainedKeys)
        }
        self.init(
            maxForwardDistance: maxForwardDistance, outOfOrderTolerance: outOfOrderTolerance,
            maxRetainedKeys: retained)
    }
}
