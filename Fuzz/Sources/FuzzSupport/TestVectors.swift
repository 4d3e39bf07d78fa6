import Foundation

/// Byte strings read from the official MLS test vectors in `$MLS_TEST_VECTORS`, for seeds. Empty when the
/// variable is unset or the file is missing: the generated seeds still work.
public enum TestVectors {
    /// The hex fields named `fields` of the first `limit` cases of `file`.
    public static func fields(_ fields: [String], of file: String, limit: Int = 8) -> [[UInt8]] {
        guard let directory = ProcessInfo.processInfo.environment["MLS_TEST_VECTORS"],
            let data = FileManager.default.contents(atPath: "\(directory)/\(file)"),
            let cases = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]]
        else { return [] }
        return cases.prefix(limit).flatMap { testCase in
            fields.compactMap { (testCase[$0] as? String).flatMap(bytes(hex:)) }
        }
    }

    private static func bytes(hex: String) -> [UInt8]? {
        var out: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = nibble(high), let l = nibble(low) else { return nil }
            out.append(h << 4 | l)
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }
}
