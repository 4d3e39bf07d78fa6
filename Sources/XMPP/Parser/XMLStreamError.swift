/// Why ``XMLStreamParser`` refused a stream. Every case ends the stream; ``condition`` is the RFC 6120 stream
/// error to send before closing it.
public enum XMLStreamError: Error, Hashable, Sendable {
    /// The input is not well-formed XML; the text names expat's reason, line and column.
    case notWellFormed(String)
    /// A prefix is used but not declared, or `xml`/`xmlns` are misused.
    case badNamespacePrefix(String)
    /// The bytes are not valid UTF-8; the offset counts bytes from the start of the stream.
    case invalidUTF8(byteOffset: Int)
    /// The XML declaration names an encoding other than UTF-8.
    case unsupportedEncoding(String)
    /// A construct RFC 6120 §11.1 forbids: a document type declaration, entity declaration, processing
    /// instruction or comment.
    case restrictedXML(RestrictedXMLConstruct)
    /// A refused stanza or an unfinished construct grew past ``XMLStreamLimits/maxRefusedStanzaBytes``.
    case stanzaTooLarge(limit: Int)
    /// The stream's root element carried more than ``XMLStreamLimits/maxAttributes`` attributes and namespace
    /// declarations. (A stanza that does is refused alone, see ``StanzaLimitViolation``.)
    case tooManyAttributes(limit: Int)
    /// The root element is not in the `http://etherx.jabber.org/streams` namespace.
    case invalidNamespace(String)
    /// Well-formed XML that is not an XMPP stream, such as a root not named `stream` or text between stanzas.
    case badFormat(String)
    /// The input ended before `</stream:stream>`.
    case truncated
    /// A bug in this parser or an allocation failure inside expat.
    case internalInconsistency(String)

    /// The stream error condition to send for this failure.
    public var condition: StreamErrorCondition {
        switch self {
        case .notWellFormed, .truncated: .notWellFormed
        case .badNamespacePrefix: .badNamespacePrefix
        case .invalidUTF8, .unsupportedEncoding: .unsupportedEncoding
        case .restrictedXML: .restrictedXML
        case .stanzaTooLarge, .tooManyAttributes: .policyViolation
        case .invalidNamespace: .invalidNamespace
        case .badFormat: .badFormat
        case .internalInconsistency: .internalServerError
        }
    }
}

/// An XML construct that XMPP streams must not contain (RFC 6120 §11.1).
public enum RestrictedXMLConstruct: String, Hashable, Sendable {
    /// `<!DOCTYPE …>`, with or without an internal subset.
    case documentTypeDeclaration = "document type declaration"
    /// `<!ENTITY …>`.
    case entityDeclaration = "entity declaration"
    /// `<?target …?>` other than the XML declaration.
    case processingInstruction = "processing instruction"
    /// `<!-- … -->`.
    case comment = "comment"
}
