import Foundation
import XMPP

/// Reads and writes the base64 text of MLS objects: RFC 4648 standard alphabet with padding, no line breaks,
/// canonical.
enum Base64Field {
    /// Decodes the text of an element; surrounding whitespace is ignored, whitespace inside is not.
    /// - Parameters:
    ///   - element: The element whose text is base64.
    ///   - what: What the element carries, for the error text.
    /// - Returns: The bytes.
    /// - Throws: `bad-request` naming the element when the text is empty or not canonical base64.
    static func decode(_ element: XMLElement, what: String) throws(StanzaError) -> [UInt8] {
        let text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw StanzaError(.badRequest, text: "<\(element.name)/> is empty: expected base64 of \(what)")
        }
        guard isCanonical(text.utf8), let data = Data(base64Encoded: text) else {
            throw StanzaError(
                .badRequest,
                text: "<\(element.name)/> is not base64 (RFC 4648 §4: standard alphabet, padded to a multiple of four "
                    + "characters, no line breaks)"
            )
        }
        return Array(data)
    }

    /// Whether text is base64 exactly as ``encode(_:)`` writes it (RFC 4648 §4): alphabet characters in groups of
    /// four, `=` only as the padding of the last group, and zero pad bits (§3.5), so that one text names one
    /// string of bytes and what is reflected is what was checked.
    static func isCanonical(_ text: String.UTF8View) -> Bool {
        let bytes = Array(text)
        guard !bytes.isEmpty, bytes.count % 4 == 0 else { return false }
        let padding = bytes.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else { return false }
        let digits = bytes.dropLast(padding)
        guard let last = digits.last, let lastValue = value(of: last),
            digits.allSatisfy({ value(of: $0) != nil })
        else { return false }
        // With one `=` the last digit carries 2 pad bits, with two `=` 4.
        let padBits: UInt8 = padding == 1 ? 0b11 : padding == 2 ? 0b1111 : 0
        return lastValue & padBits == 0
    }

    private static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }

    /// Encodes bytes as base64 without line breaks.
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
