/// Checks that a byte stream is well-formed UTF-8 (RFC 3629) when it arrives in arbitrary chunks.
///
/// Rejects overlong forms, encoded surrogates (U+D800–U+DFFF), code points above U+10FFFF and stray continuation
/// bytes. A sequence split across chunks is carried over to the next call.
struct UTF8Validator: Sendable {
    /// Continuation bytes still expected for the current sequence.
    private var pending = 0
    /// The allowed range of the next continuation byte (narrower right after some lead bytes).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// Whether the bytes seen so far end on a character boundary.
    var isAtBoundary: Bool { pending == 0 }

    /// Consumes bytes, stopping at the first one that breaks UTF-8.
    /// - Parameter bytes: The next chunk.
    /// - Returns: The number of bytes before the first invalid one, or `nil` if the whole chunk is valid.
    mutating func validate(_ bytes: UnsafeRawBufferPointer) -> Int? {
        for (index, byte) in bytes.enumerated() {
            if pending > 0 {
                guard byte >= lower && byte <= upper else { return index }
                pending -= 1
                lower = 0x80
                upper = 0xBF
                continue
            }
            switch byte {
            case 0x00...0x7F:
                continue
            case 0xC2...0xDF:
                pending = 1
            case 0xE0:
                pending = 2
                lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF:
                pending = 2
            case 0xED:
                pending = 2
                upper = 0x9F
            case 0xF0:
                pending = 3
                lower = 0x90
            case 0xF1...0xF3:
                pending = 3
            case 0xF4:
                pending = 3
                upper = 0x8F
            default:
                return index
            }
        }
        return nil
    }
}
