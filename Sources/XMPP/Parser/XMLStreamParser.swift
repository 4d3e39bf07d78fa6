/// A streaming parser for one XMPP stream (RFC 6120 §4, §11) on libexpat.
///
/// Feed it the bytes of a connection in chunks of any size, split anywhere, and it reports the stream header, each
/// complete top-level element and the end of the stream:
///
/// ```text
/// bytes ─▶ UTF-8 check ─▶ expat (namespaces resolved) ─▶ tree builder ─▶ XMLStreamEvent
///                │                 │                           │
///          invalidUTF8     restricted constructs,         limits, root and
///                          not well-formed                 stream-level checks
/// ```
///
/// Refused outright, without expansion or lookup: document type declarations (so no entity can ever be declared
/// and entity-expansion bombs never start), entity declarations, processing instructions and comments
/// (RFC 6120 §11.1), encodings other than UTF-8 (§11.6) and invalid UTF-8. Only the five predefined entities and
/// character references are replaced. Limits come from ``XMLStreamLimits``: a stanza that breaks a per-stanza limit
/// is read through to its end without keeping its content and reported as ``XMLStreamEvent/stanzaRefused(_:)``, so
/// one user's stanza never ends a stream that carries everyone's.
///
/// After the first error the parser is spent: every later call throws the same error. Events produced before the
/// error are still delivered by ``parse(_:into:)``, so the events seen do not depend on how input was split.
/// Not thread-safe; use one parser per connection.
public final class XMLStreamParser {
    /// The namespace of the `<stream:stream>` root and of `<stream:error>`, `<stream:features>`.
    public static let streamNamespace = "http://etherx.jabber.org/streams"

    /// The limits enforced on this stream.
    public let limits: XMLStreamLimits

    private var expat: ExpatParser?
    private var validator = UTF8Validator()
    private var pendingEvents: [XMLStreamEvent] = []
    private var failure: XMLStreamError?
    /// Elements open below the root; the first is the stanza being built.
    private var openElements: [XMLElement] = []
    /// Depth of the innermost open element; the root is 1.
    private var depth = 0
    private var isClosed = false
    /// Bytes handed to expat so far.
    private var bytesParsed = 0
    /// Byte offset just after the last complete top-level construct; size limits count from here.
    private var boundary = 0
    /// The stanza being read through after it broke a per-stanza limit; nothing of its content is kept.
    private var refusal: RefusedStanza?
    /// Namespace declarations seen for the start tag about to be reported.
    private var pendingNamespaceDeclarations = 0
    private var pendingDefaultNamespace: String?

    /// Expat gets at most this many bytes per call, so size limits are checked often on large reads.
    private static let sliceSize = 16 * 1024

    /// Makes a parser for a new stream.
    /// - Parameter limits: The limits to enforce.
    public init(limits: XMLStreamLimits = XMLStreamLimits()) {
        self.limits = limits
        self.expat = ExpatParser(delegate: self)
    }

    /// Parses the next chunk of the stream.
    /// - Parameters:
    ///   - bytes: The next bytes, split anywhere.
    ///   - events: Receives the events completed by this chunk, including those before an error.
    /// - Throws: ``XMLStreamError`` when the stream must end; the same error on every later call.
    public func parse(_ bytes: some Collection<UInt8>, into events: inout [XMLStreamEvent]) throws(XMLStreamError) {
        if let failure { throw failure }
        let outcome =
            bytes.withContiguousStorageIfAvailable { parseContiguous(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { parseContiguous($0) }
        events.append(contentsOf: pendingEvents)
        pendingEvents.removeAll(keepingCapacity: true)
        if let outcome {
            failure = outcome
            throw outcome
        }
    }

    /// Parses the next chunk of the stream.
    /// - Parameter bytes: The next bytes, split anywhere.
    /// - Returns: The events completed by this chunk.
    /// - Throws: ``XMLStreamError`` when the stream must end; events before the error are lost, see
    ///   ``parse(_:into:)``.
    public func parse(_ bytes: some Collection<UInt8>) throws(XMLStreamError) -> [XMLStreamEvent] {
        var events: [XMLStreamEvent] = []
        try parse(bytes, into: &events)
        return events
    }

    /// Reports the end of input.
    /// - Throws: ``XMLStreamError/truncated`` unless `</stream:stream>` was read, or the earlier error.
    public func finish() throws(XMLStreamError) {
        if let failure { throw failure }
        guard isClosed, validator.isAtBoundary else {
            failure = .truncated
            throw .truncated
        }
    }

    private func parseContiguous(_ buffer: UnsafeRawBufferPointer) -> XMLStreamError? {
        guard let expat else { return .internalInconsistency("expat parser could not be allocated") }
        var offset = 0
        while offset < buffer.count {
            let slice = UnsafeRawBufferPointer(rebasing: buffer[offset..<min(offset + Self.sliceSize, buffer.count)])
            let invalidAt = validator.validate(slice)
            let valid = UnsafeRawBufferPointer(rebasing: slice[0..<(invalidAt ?? slice.count)])
            if !valid.isEmpty {
                if let error = expat.parse(valid) { return error }
                bytesParsed += valid.count
                if bytesParsed - boundary > limits.maxRefusedStanzaBytes {
                    return .stanzaTooLarge(limit: limits.maxRefusedStanzaBytes)
                }
                if bytesParsed - boundary > limits.maxStanzaBytes, !openElements.isEmpty {
                    refuse(.tooLarge(limit: limits.maxStanzaBytes))
                }
            }
            if let invalidAt { return .invalidUTF8(byteOffset: bytesParsed - valid.count + invalidAt) }
            offset += slice.count
        }
        return nil
    }

    /// Refuses the stanza being built when it has grown past the size limit.
    private func checkSize(_ parser: ExpatParser) {
        if parser.currentEventEnd - boundary > limits.maxStanzaBytes {
            refuse(.tooLarge(limit: limits.maxStanzaBytes))
        }
    }

    /// Drops the stanza being built, keeping only its start tag's routing attributes; the rest of it is read
    /// without being kept, and reported when its end tag arrives.
    private func refuse(_ violation: StanzaLimitViolation) {
        guard refusal == nil, let startTag = openElements.first else { return }
        refusal = RefusedStanza(startTag: startTag, violation: violation)
        openElements.removeAll()
    }
}

extension XMLStreamParser: ExpatParserDelegate {
    func parser(_ parser: ExpatParser, didDeclareNamespace prefix: String?, uri: String?) {
        pendingNamespaceDeclarations += 1
        if prefix == nil { pendingDefaultNamespace = uri }
    }

    func parser(_ parser: ExpatParser, didStart element: XMLElement) {
        let declarations = pendingNamespaceDeclarations
        let defaultNamespace = pendingDefaultNamespace
        pendingNamespaceDeclarations = 0
        pendingDefaultNamespace = nil

        depth += 1
        // Inside a refused stanza only the depth is followed, to find where the stanza ends.
        guard refusal == nil else { return }
        if depth == 1 {
            guard element.attributes.count + declarations <= limits.maxAttributes else {
                return parser.abort(.tooManyAttributes(limit: limits.maxAttributes))
            }
            guard element.namespace == Self.streamNamespace else {
                return parser.abort(.invalidNamespace("stream root in namespace '\(element.namespace ?? "")'"))
            }
            guard element.name == "stream" else {
                return parser.abort(.badFormat("root element <\(element.name)> is not <stream>"))
            }
            pendingEvents.append(
                .streamOpened(XMLStreamHeader(attributes: element.attributes, contentNamespace: defaultNamespace))
            )
            boundary = parser.currentEventEnd
            return
        }
        openElements.append(element)
        if depth > limits.maxDepth {
            refuse(.tooDeep(limit: limits.maxDepth))
        } else if element.attributes.count + declarations > limits.maxAttributes {
            refuse(.tooManyAttributes(limit: limits.maxAttributes))
        } else {
            checkSize(parser)
        }
    }

    func parser(_ parser: ExpatParser, didEndElementAt _: Void) {
        defer { depth -= 1 }
        if depth == 1 {
            isClosed = true
            pendingEvents.append(.streamClosed)
            return
        }
        if refusal == nil { checkSize(parser) }
        if let refused = refusal {
            guard depth == 2 else { return }
            refusal = nil
            pendingEvents.append(.stanzaRefused(refused))
            boundary = parser.currentEventEnd
            return
        }
        guard let finished = openElements.popLast() else {
            return parser.abort(.internalInconsistency("end tag without open element"))
        }
        if openElements.isEmpty {
            pendingEvents.append(.element(finished))
            boundary = parser.currentEventEnd
        } else {
            openElements[openElements.count - 1].append(finished)
        }
    }

    func parser(_ parser: ExpatParser, foundText text: String) {
        guard refusal == nil else { return }
        if openElements.isEmpty {
            // RFC 6120 §11.7: only whitespace may appear between stanzas.
            guard text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                return parser.abort(.badFormat("text between stanzas"))
            }
            boundary = parser.currentEventEnd
            return
        }
        openElements[openElements.count - 1].append(text: text)
        checkSize(parser)
    }

    func parser(_ parser: ExpatParser, foundXMLDeclarationWithEncoding encoding: String?) {
        if let encoding, encoding.lowercased() != "utf-8" {
            parser.abort(.unsupportedEncoding(encoding))
        }
    }
}
