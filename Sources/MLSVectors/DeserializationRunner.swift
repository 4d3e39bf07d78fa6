import MLS

/// Runs `deserialization.json`: variable-length vector headers (RFC 9420 §2.1.2).
///
/// Verification: decoding `vlbytes_header` yields `length`, the header is consumed
/// exactly, and re-encoding `length` gives the header back (the minimal encoding).
enum DeserializationRunner: VectorRunner {
    struct Case: Decodable {
        var vlbytes_header: HexBytes
        var length: Int
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        var reader = TLSReader(c.vlbytes_header.bytes)
        let length = try reader.readVarint()
        try reader.finish()
        try expectEqual(length, c.length, "length")
        var writer = TLSWriter()
        writer.writeVarint(c.length)
        try expectEqual(writer.bytes, c.vlbytes_header.bytes, "vlbytes_header")
        return .passed
    }
}
