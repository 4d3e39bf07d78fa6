extension TLSReader {
    /// Reads `T items<V>` whose items must appear in strictly ascending order of a key.
    ///
    /// Persisted maps are written sorted by key, so one state has one encoding; a repeated or
    /// out-of-order key is rejected rather than silently merged.
    ///
    /// - Parameters:
    ///   - field: names the map in the error.
    ///   - precedes: the strict order of the keys of two consecutive items.
    /// - Throws: `CodecError.malformed` for a key that does not follow its predecessor.
    mutating func readAscendingVector<T>(
        field: String,
        precedes: (T, T) -> Bool,
        _ decodeItem: (inout TLSReader) throws(CodecError) -> T
    ) throws(CodecError) -> [T] {
        let items = try readVector(decodeItem)
        for (earlier, later) in zip(items, items.dropFirst()) where !precedes(earlier, later) {
            throw .malformed("\(field): keys are not strictly ascending")
        }
        return items
    }
}
