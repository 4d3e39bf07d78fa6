internal import CExpat

/// What the expat wrapper reports; every call happens inside `XML_Parse`.
protocol ExpatParserDelegate: AnyObject {
    func parser(_ parser: ExpatParser, didDeclareNamespace prefix: String?, uri: String?)
    func parser(_ parser: ExpatParser, didStart element: XMLElement)
    func parser(_ parser: ExpatParser, didEndElementAt _: Void)
    func parser(_ parser: ExpatParser, foundText text: String)
    func parser(_ parser: ExpatParser, foundXMLDeclarationWithEncoding encoding: String?)
}

/// The one owner of an `XML_Parser`, and the only code that imports CExpat: installs the callbacks, refuses
/// restricted constructs and maps expat errors.
final class ExpatParser {
    /// Separates namespace URI and local name in the names expat reports. U+0001 cannot occur in XML 1.0 text,
    /// not even through a character reference, so no URI can contain it.
    private static let namespaceSeparator: XML_Char = 0x01

    private let parser: XML_Parser
    private unowned let delegate: any ExpatParserDelegate
    private var abortReason: XMLStreamError?

    init?(delegate: any ExpatParserDelegate) {
        // The encoding argument forces UTF-8 whatever the document declares; the declaration is checked separately.
        guard let parser = XML_ParserCreateNS("UTF-8", Self.namespaceSeparator) else { return nil }
        self.parser = parser
        self.delegate = delegate
        installHandlers()
    }

    deinit {
        XML_ParserFree(parser)
    }

    /// The byte offset just past the construct whose callback is running.
    var currentEventEnd: Int {
        Int(XML_GetCurrentByteIndex(parser)) + Int(XML_GetCurrentByteCount(parser))
    }

    /// Stops parsing from inside a callback; `parse` then returns the reason.
    func abort(_ reason: XMLStreamError) {
        guard abortReason == nil else { return }
        abortReason = reason
        XML_StopParser(parser, 0)
    }

    /// Parses a chunk that is not the end of the stream.
    /// - Returns: The error that ended the stream, or `nil`.
    func parse(_ bytes: UnsafeRawBufferPointer) -> XMLStreamError? {
        if let abortReason { return abortReason }
        let status = XML_Parse(parser, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), 0)
        if let abortReason { return abortReason }
        guard status == XML_STATUS_OK else {
            let error = Self.streamError(
                for: XML_GetErrorCode(parser),
                line: Int(XML_GetCurrentLineNumber(parser)),
                column: Int(XML_GetCurrentColumnNumber(parser))
            )
            abortReason = error
            return error
        }
        return nil
    }

    /// Maps an expat error code to the stream error it calls for.
    private static func streamError(for code: XML_Error, line: Int, column: Int) -> XMLStreamError {
        let reason = XML_ErrorString(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
        let located = "\(reason) at line \(line), column \(column)"
        switch code {
        case XML_ERROR_UNBOUND_PREFIX, XML_ERROR_RESERVED_PREFIX_XML, XML_ERROR_RESERVED_PREFIX_XMLNS,
            XML_ERROR_RESERVED_NAMESPACE_URI, XML_ERROR_UNDECLARING_PREFIX:
            return .badNamespacePrefix(located)
        case XML_ERROR_UNKNOWN_ENCODING, XML_ERROR_INCORRECT_ENCODING:
            return .unsupportedEncoding(located)
        case XML_ERROR_NO_MEMORY:
            return .internalInconsistency(located)
        case XML_ERROR_AMPLIFICATION_LIMIT_BREACH, XML_ERROR_EXTERNAL_ENTITY_HANDLING, XML_ERROR_NOT_STANDALONE:
            return .restrictedXML(.entityDeclaration)
        default:
            return .notWellFormed(located)
        }
    }

    private static func from(_ userData: UnsafeMutableRawPointer?) -> ExpatParser? {
        guard let userData else { return nil }
        let wrapper = Unmanaged<ExpatParser>.fromOpaque(userData).takeUnretainedValue()
        return wrapper.abortReason == nil ? wrapper : nil
    }

    private static func string(_ pointer: UnsafePointer<XML_Char>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Splits an expat name `uri<U+0001>local` (or `local`) into local name and namespace.
    private static func qualifiedName(_ pointer: UnsafePointer<XML_Char>) -> (name: String, namespace: String?) {
        let full = String(cString: pointer)
        guard let separator = full.firstIndex(of: "\u{1}") else { return (full, nil) }
        return (String(full[full.index(after: separator)...]), String(full[..<separator]))
    }

    private func installHandlers() {
        XML_SetUserData(parser, Unmanaged.passUnretained(self).toOpaque())
        XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER)

        XML_SetStartNamespaceDeclHandler(parser) { userData, prefix, uri in
            guard let wrapper = ExpatParser.from(userData) else { return }
            wrapper.delegate.parser(wrapper, didDeclareNamespace: ExpatParser.string(prefix), uri: ExpatParser.string(uri))
        }
        XML_SetStartElementHandler(parser) { userData, name, attributes in
            guard let wrapper = ExpatParser.from(userData), let name else { return }
            let (localName, namespace) = ExpatParser.qualifiedName(name)
            var parsed: [XMLAttribute] = []
            if var cursor = attributes {
                while let attributeName = cursor.pointee, let value = cursor.successor().pointee {
                    let (attributeLocalName, attributeNamespace) = ExpatParser.qualifiedName(attributeName)
                    parsed.append(
                        XMLAttribute(name: attributeLocalName, namespace: attributeNamespace, value: String(cString: value))
                    )
                    cursor += 2
                }
            }
            let element = XMLElement(name: localName, namespace: namespace, attributes: parsed)
            wrapper.delegate.parser(wrapper, didStart: element)
        }
        XML_SetEndElementHandler(parser) { userData, _ in
            guard let wrapper = ExpatParser.from(userData) else { return }
            wrapper.delegate.parser(wrapper, didEndElementAt: ())
        }
        XML_SetCharacterDataHandler(parser) { userData, characters, length in
            guard let wrapper = ExpatParser.from(userData), let characters, length > 0 else { return }
            let bytes = UnsafeRawBufferPointer(start: characters, count: Int(length))
            wrapper.delegate.parser(wrapper, foundText: String(decoding: bytes, as: UTF8.self))
        }
        XML_SetXmlDeclHandler(parser) { userData, _, encoding, _ in
            guard let wrapper = ExpatParser.from(userData) else { return }
            wrapper.delegate.parser(wrapper, foundXMLDeclarationWithEncoding: ExpatParser.string(encoding))
        }
        XML_SetStartDoctypeDeclHandler(parser) { userData, _, _, _, _ in
            ExpatParser.from(userData)?.abort(.restrictedXML(.documentTypeDeclaration))
        }
        XML_SetEntityDeclHandler(parser) { userData, _, _, _, _, _, _, _, _ in
            ExpatParser.from(userData)?.abort(.restrictedXML(.entityDeclaration))
        }
        XML_SetProcessingInstructionHandler(parser) { userData, _, _ in
            ExpatParser.from(userData)?.abort(.restrictedXML(.processingInstruction))
        }
        XML_SetCommentHandler(parser) { userData, _ in
            ExpatParser.from(userData)?.abort(.restrictedXML(.comment))
        }
    }
}
