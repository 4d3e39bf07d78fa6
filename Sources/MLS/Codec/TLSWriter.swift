/// Serializes values in the TLS presentation language as MLS uses it (RFC 9420 §2.1).
public struct TLSWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func write(_ value: UInt8) {
        bytes.append(value)
    }

    public mutating func write(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    public mutating func write(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }

    public mutating func write(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    public mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    /// Appends raw bytes with no length prefix (a fixed-size array, or pre-encoded data).
    public mutating func writeRaw<Bytes: Sequence>(_ raw: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: raw)
    }

    /// Writes a §2.1.2 variable-length integer in its minimal form.
    ///
    /// Lengths above 2^30 - 1 cannot be represented; MLS never produces them, so
    /// meeting one is a caller bug and traps.
    public mutating func writeVarint(_ value: Int) {
        precondition(value >= 0 && value < (1 << 30), "varint out of range: \(value)")
        switch value {
        case ..<(1 << 6):
            bytes.append(UInt8(value))
        case ..<(1 << 14):
            write(UInt16(value) | 0x4000)
        default:
            write(UInt32(value) | 0x8000_0000)
        }
    }

    /// Writes `opaque data<V>`: a variable-length header, then the bytes.
    public mutating func writeOpaque<Bytes: Collection>(_ data: Bytes) where Bytes.Element == UInt8 {
        writeVarint(data.count)
        bytes.append(contentsOf: data)
    }

    /// Writes `T items<V>`: the byte length of the encoded items, then the items.
    public mutating func writeVector<S: Sequence>(
        _ items: S,
        _ encodeItem: (inout TLSWriter, S.Element) -> Void
    ) {
        var inner = TLSWriter()
        for item in items { encodeItem(&inner, item) }
        writeVarint(inner.bytes.count)
        bytes.append(contentsOf: inner.bytes)
    }

    /// Writes a vector of encodable values.
    public mutating func writeVector<S: Sequence>(_ items: S) where S.Element: TLSEncodable {
        writeVector(items) { writer, item in item.encode(to: &writer) }
    }

    /// Writes `optional<T>`: a presence octet, then the value when present.
    public mutating func writeOptional<T>(_ value: T?, _ encodeValue: (inout TLSWriter, T) -> Void) {
        if let value {
            write(UInt8(1))
            encodeValue(&self, value)
        } else {
            write(UInt8(0))
        }
    }

    public mutating func writeOptional<T: TLSEncodable>(_ value: T?) {
        writeOptional(value) { writer, item in item.encode(to: &writer) }
    }

    public mutating func write<T: TLSEncodable>(_ value: T) {
        value.encode(to: &self)
    }
}
