/// The persisted form of one sender ratchet (RFC 9420 §9.1), part of a saved group state.
///
/// ```text
/// struct {
///     opaque secret<V>;             // ratchet_secret_[N]_[next]
///     uint32 next;
///     bool exhausted;
///     RatchetKey retained<V>;       // strictly ascending generation
/// } HashRatchet;
/// ```
///
/// A retained key is always of a generation the ratchet has passed, so decoding rejects one at
/// or after `next` unless the ratchet is exhausted.
extension HashRatchet: TLSCodable {
    func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(secret.bytes)
        writer.write(next)
        writer.write(exhausted)
        writer.writeVector(retained.values.sorted { $0.generation < $1.generation })
    }

    init(from reader: inout TLSReader) throws(CodecError) {
        let secret = Secret(try reader.readOpaque())
        let next = try reader.readUInt32()
        let exhausted = try reader.readBool()
        let keys = try reader.readAscendingVector(
            field: "retained ratchet keys", precedes: { $0.generation < $1.generation }
        ) { (reader: inout TLSReader) throws(CodecError) -> RatchetKey in try RatchetKey(from: &reader) }
        var retained: [UInt32: RatchetKey] = [:]
        for key in keys {
            guard exhausted || key.generation < next else {
                throw .malformed("retained ratchet key of generation \(key.generation) is not before \(next)")
            }
            retained[key.generation] = key
        }
        self.init(secret: secret)
        self.next = next
        self.exhausted = exhausted
        self.retained = retained
    }
}
