/// The persisted form of a retained ratchet key, part of a saved group state.
///
/// ```text
/// struct {
///     uint32 generation;
///     opaque key<V>;
///     opaque nonce<V>;
/// } RatchetKey;
/// ```
extension RatchetKey: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(generation)
        writer.writeOpaque(key)
        writer.writeOpaque(nonce)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        self.init(generation: try reader.readUInt32(), key: try reader.readOpaque(), nonce: try reader.readOpaque())
    }
}
