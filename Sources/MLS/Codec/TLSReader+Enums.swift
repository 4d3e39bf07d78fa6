extension TLSReader {
    /// Reads a one-octet enumeration whose unknown values are invalid in this field.
    ///
    /// - Parameter field: The enumeration's name, reported in the error.
    /// - Throws: `CodecError.invalidValue` for a value with no case.
    public mutating func readEnum<E: RawRepresentable>(
        _ type: E.Type = E.self, field: String
    ) throws(CodecError) -> E where E.RawValue == UInt8 {
        let raw = try readUInt8()
        guard let value = E(rawValue: raw) else { throw .invalidValue(field: field, value: UInt64(raw)) }
        return value
    }
}
