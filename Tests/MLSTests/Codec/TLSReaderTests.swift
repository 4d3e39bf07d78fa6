import MLS
import Testing

struct TLSReaderTests {
    @Test(arguments: [
        ([0x00] as [UInt8], 0),
        ([0x3F], 63),
        ([0x40, 0x40], 64),
        ([0x7F, 0xFF], 16383),
        ([0x80, 0x00, 0x40, 0x00], 16384),
        ([0xBF, 0xFF, 0xFF, 0xFF], (1 << 30) - 1),
    ])
    func decoderAcceptsMinimalVarints(bytes: [UInt8], value: Int) throws {
        var reader = TLSReader(bytes)
        #expect(try reader.readVarint() == value)
        try reader.finish()
        var writer = TLSWriter()
        writer.writeVarint(value)
        #expect(writer.bytes == bytes)
    }

    @Test(arguments: [
        [0x40, 0x3F] as [UInt8],
        [0x40, 0x00],
        [0x80, 0x00, 0x3F, 0xFF],
        [0x80, 0x00, 0x00, 0x01],
    ])
    func decoderRejectsNonMinimalVarint(bytes: [UInt8]) {
        var reader = TLSReader(bytes)
        #expect(throws: CodecError.nonMinimalVarint) { try reader.readVarint() }
    }

    @Test func decoderRejectsReservedVarintPrefix() {
        var reader = TLSReader([0xC0, 0, 0, 0, 0, 0, 0, 1])
        #expect(throws: CodecError.reservedVarintPrefix) { try reader.readVarint() }
    }

    @Test func decoderRejectsTruncatedIntegers() {
        var reader = TLSReader([0x01, 0x02, 0x03])
        #expect(throws: CodecError.truncated(needed: 4, available: 3)) { try reader.readUInt32() }
        var varint = TLSReader([0x80, 0x01])
        #expect(throws: CodecError.truncated(needed: 1, available: 0)) { try varint.readVarint() }
    }

    @Test func decoderRejectsLengthBeyondInput() {
        // Claims 2^30 - 1 bytes with three present: rejected before anything is allocated.
        var reader = TLSReader([0xBF, 0xFF, 0xFF, 0xFF, 1, 2, 3])
        #expect(throws: CodecError.lengthExceedsInput(length: (1 << 30) - 1, available: 3)) {
            try reader.readOpaque()
        }
    }

    @Test func decoderRejectsTrailingBytes() {
        #expect(throws: CodecError.trailingBytes(count: 1)) { try UInt16(tlsEncoded: [0, 1, 2]) }
    }

    @Test func decoderRejectsVectorElementCrossingItsLength() {
        // A vector of uint16 whose byte length (3) is not a multiple of the element size.
        var reader = TLSReader([0x03, 0x00, 0x01, 0x00, 0x02])
        #expect(throws: CodecError.truncated(needed: 2, available: 1)) { try reader.readVector(of: UInt16.self) }
    }

    @Test func decoderRejectsInvalidOptionalPresence() {
        var reader = TLSReader([0x02, 0x00])
        #expect(throws: CodecError.invalidOptionalPresence(2)) { try reader.readOptional(of: UInt8.self) }
    }

    @Test func decoderRejectsInvalidBool() {
        var reader = TLSReader([0x05])
        #expect(throws: CodecError.invalidValue(field: "bool", value: 5)) { try reader.readBool() }
    }

    @Test func failedReadLeavesEarlierValuesIntact() throws {
        var reader = TLSReader([0x00, 0x07, 0x02, 0xAA])
        #expect(try reader.readUInt16() == 7)
        #expect(throws: CodecError.lengthExceedsInput(length: 2, available: 1)) { try reader.readOpaque() }
    }

    @Test func vectorsAndOptionalsRoundTrip() throws {
        var writer = TLSWriter()
        writer.writeVector([UInt16(1), 2, 3])
        writer.writeOptional(UInt32(9))
        writer.writeOptional(UInt32?.none)
        writer.writeOpaque([0xDE, 0xAD])
        var reader = TLSReader(writer.bytes)
        #expect(try reader.readVector(of: UInt16.self) == [1, 2, 3])
        #expect(try reader.readOptional(of: UInt32.self) == 9)
        #expect(try reader.readOptional(of: UInt32.self) == nil)
        #expect(try reader.readOpaque() == [0xDE, 0xAD])
        try reader.finish()
    }
}
