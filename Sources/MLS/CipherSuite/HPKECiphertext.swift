/// The output of `EncryptWithLabel` (RFC 9420 §5.1.3).
///
/// ```text
/// struct {
///   opaque kem_output<V>;
///   opaque ciphertext<V>;
/// } HPKECiphertext;
/// ```
public struct HPKECiphertext: Hashable, Sendable {
    public var kemOutput: [UInt8]
    public var ciphertext: [UInt8]

    public init(kemOutput: [UInt8], ciphertext: [UInt8]) {
        self.kemOutput = kemOutput
        self.ciphertext = ciphertext
    }
}

extension HPKECiphertext: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(kemOutput)
        writer.writeOpaque(ciphertext)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        kemOutput = try reader.readOpaque()
        ciphertext = try reader.readOpaque()
    }
}
