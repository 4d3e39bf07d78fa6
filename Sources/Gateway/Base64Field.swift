import Foundation
import XMPP

/// Reads and writes the base64 text of MLS objects: RFC 4648 standard alphabet with padding, no line breaks.
enum Base64Field {
    /// Decodes the text of an element; surrounding whitespace is ignored, whitespace inside is not.
    /// - Parameters:
    ///   - element: The element whose text is base64.
    ///   - what: What the element carries, for the error text.
    /// - Returns: The bytes.
    /// - Throws: `bad-request` naming the element when the text is empty or not base64.
    static func decode(_ element: XMLElement, what: String) throws(StanzaError) -> [UInt8] {
        let text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw StanzaError(.badRequest, text: "<\(element.name)/> is empty: expected base64 of \(what)")
        }
        guard let data = Data(base64Encoded: text) else {
            throw StanzaError(
                .badRequest,
                text: "<\(element.name)/> is not base64 (RFC 4648, standard alphabet, no line breaks)"
            )
        }
        return Array(data)
    }

    /// Encodes bytes as base64 without line breaks.
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
