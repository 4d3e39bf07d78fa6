/// Reads values in the TLS presentation language from untrusted input (RFC 9420 §2.1).
///
/// Every read checks the remaining input first, so a hostile length can neither
/// crash the reader nor make it allocate more than the input already holds.
public struct TLSReader: Sendable {
    private let bytes: [UInt8]
    /// Index of the next byte to read.
    public private(set) var offset: Int
    private let end: Int

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.offset = 0
        self.end = bytes.count
    }

    private init(bytes: [UInt8], offset: Int, end: Int) {
        self.bytes = bytes
        self.offset = offset
        self.end = end
    }

    /// Bytes left before the end of this reader's window.
    public var remaining: Int { end - offset }
    public var isAtEnd: Bool { offset == end }

    /// Throws unless every byte of the window was consumed.
    public func finish() throws(CodecError) {
        if remaining != 0 { throw .trailingBytes(count: remaining) }
    }

    private mutating func take(_ count: Int) throws(CodecError) -> Range<Int> {
        guard count <= remaining else { throw .truncated(needed: count, available: remaining) }
        let range = offset..<(offset + count)
        offset += count
        return range
    }

    public mutating func readUInt8() throws(CodecError) -> UInt8 {
        let range = try take(1)
        return bytes[range.lowerBound]
    }

    public mutating func readUInt16() throws(CodecError) -> UInt16 {
        let range = try take(2)
        return UInt16(bytes[range.lowerBound]) << 8 | UInt16(bytes[range.lowerBound + 1])
    }

    public mutating func readUInt32() throws(CodecError) -> UInt32 {
        let range = try take(4)
        var value: UInt32 = 0
        for index in range { value = value << 8 | UInt32(bytes[index]) }
        return value
    }

    public mutating func readUInt64() throws(CodecError) -> UInt64 {
        let range = try take(8)
        var value: UInt64 = 0
        for index in range { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    /// Reads a TLS `bool`; only 0 and 1 are valid.
    public mutating func readBool() throws(CodecError) -> Bool {
        switch try readUInt8() {
        case 0: return false
        case 1: return true
        case let other: throw .invalidValue(field: "bool", value: UInt64(other))
        }
    }

    /// Reads exactly `count` raw bytes (a fixed-size array).
    public mutating func readBytes(count: Int) throws(CodecError) -> [UInt8] {
        Array(bytes[try take(count)])
    }

    /// Reads a §2.1.2 variable-length integer, rejecting the reserved prefix and
    /// any encoding longer than necessary.
    public mutating func readVarint() throws(CodecError) -> Int {
        let first = try readUInt8()
        let prefix = first >> 6
        var value = Int(first & 0x3F)
        switch prefix {
        case 0:
            return value
        case 1:
            value = value << 8 | Int(try readUInt8())
            if value < (1 << 6) { throw .nonMinimalVarint }
            return value
        case 2:
            for _ in 0..<3 { value = value << 8 | Int(try readUInt8()) }
            if value < (1 << 14) { throw .nonMinimalVarint }
            return value
        default:
            throw .reservedVarintPrefix
        }
    }

    /// Reads a length header and checks that the input holds that many bytes.
    private mutating func readLength() throws(CodecError) -> Int {
        let length = try readVarint()
        guard length <= remaining else { throw .lengthExceedsInput(length: length, available: remaining) }
        return length
    }

    /// Reads `opaque data<V>`.
    public mutating func readOpaque() throws(CodecError) -> [UInt8] {
        let length = try readLength()
        return Array(bytes[try take(length)])
    }

    /// Reads `T items<V>`: decodes items until exactly the announced length is used.
    public mutating func readVector<T>(
        _ decodeItem: (inout TLSReader) throws(CodecError) -> T
    ) throws(CodecError) -> [T] {
        let length = try readLength()
        var inner = TLSReader(bytes: bytes, offset: offset, end: offset + length)
        offset += length
        var items: [T] = []
        while !inner.isAtEnd {
            items.append(try decodeItem(&inner))
        }
        return items
    }

    /// Reads a vector of decodable values.
    public mutating func readVector<T: TLSDecodable>(of type: T.Type = T.self) throws(CodecError) -> [T] {
        try readVector { (reader: inout TLSReader) throws(CodecError) -> T in try T(from: &reader) }
    }

    /// Reads `optional<T>`.
    public mutating func readOptional<T>(
        _ decodeValue: (inout TLSReader) throws(CodecError) -> T
    ) throws(CodecError) -> T? {
        switch try readUInt8() {
        case 0: return nil
        case 1: return try decodeValue(&self)
        case let other: throw .invalidOptionalPresence(other)
        }
    }

    public mutating func readOptional<T: TLSDecodable>(of type: T.Type = T.self) throws(CodecError) -> T? {
        try readOptional { (reader: inout TLSReader) throws(CodecError) -> T in try T(from: &reader) }
    }

    public mutating func read<T: TLSDecodable>(_ type: T.Type = T.self) throws(CodecError) -> T {
        try T(from: &self)
    }
}
