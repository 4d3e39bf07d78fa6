/// Who sent a private message and with which key generation; encrypted as
/// `encrypted_sender_data` (RFC 9420 §6.3.2).
///
/// ```text
/// struct {
///     uint32 leaf_index;
///     uint32 generation;
///     opaque reuse_guard[4];
/// } SenderData;
/// ```
public struct SenderData: Hashable, Sendable {
    /// The length of `reuse_guard`.
    public static let reuseGuardLength = 4

    public let leafIndex: LeafIndex
    public let generation: UInt32
    /// Four random octets XORed into the content nonce.
    public let reuseGuard: [UInt8]

    /// - Throws: `CodecError.malformed` unless `reuseGuard` has exactly four octets.
    public init(leafIndex: LeafIndex, generation: UInt32, reuseGuard: [UInt8]) throws(CodecError) {
        guard reuseGuard.count == Self.reuseGuardLength else {
            throw .malformed("reuse_guard must be \(Self.reuseGuardLength) octets, not \(reuseGuard.count)")
        }
        self.leafIndex = leafIndex
        self.generation = generation
        self.reuseGuard = reuseGuard
    }
}

extension SenderData: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(leafIndex)
        writer.write(generation)
        writer.writeRaw(reuseGuard)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        leafIndex = try reader.read()
        generation = try reader.readUInt32()
        reuseGuard = try reader.readBytes(count: Self.reuseGuardLength)
    }
}
