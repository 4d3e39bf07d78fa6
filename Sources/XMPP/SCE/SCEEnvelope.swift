import Foundation

/// An XEP-0420 Stanza Content Encryption envelope: the plaintext an end-to-end encryption scheme protects.
///
/// ```xml
/// <envelope xmlns='urn:xmpp:sce:1'>
///   <content><body xmlns='jabber:client'>TEXT</body></content>
///   <rpad>…</rpad><from jid='alice@example.org'/><time stamp='2026-01-01T00:00:00Z'/>
/// </envelope>
/// ```
///
/// MLS rooms carry the serialized envelope (UTF-8 XML, no declaration) as the application data of an MLS
/// application message. Parsing accepts exactly one element, refuses anything else, and keeps unknown affixes out
/// of the value.
public struct SCEEnvelope: Hashable, Sendable {
    /// The XEP-0420 namespace.
    public static let namespace = "urn:xmpp:sce:1"
    /// The namespace of `<body/>` inside `<content/>`.
    public static let clientNamespace = "jabber:client"

    /// The children of `<content/>`: the stanza payload elements that were encrypted.
    public var content: [XMLElement]
    /// The random padding affix, hiding the content's length; `nil` when absent.
    public var rpad: String?
    /// The sender affix: the JID that made the envelope.
    public var from: JID?
    /// The timestamp affix, as written in `stamp` (XEP-0082).
    public var time: String?
    /// The recipient affix: for a room, its bare JID; `nil` when absent.
    public var to: JID?

    /// Makes an envelope.
    /// - Parameters:
    ///   - content: The payload elements.
    ///   - rpad: The padding, or `nil`.
    ///   - from: The sender, or `nil`.
    ///   - time: The XEP-0082 timestamp, or `nil`.
    ///   - to: The recipient, or `nil`.
    public init(content: [XMLElement], rpad: String? = nil, from: JID? = nil, time: String? = nil, to: JID? = nil) {
        self.content = content
        self.rpad = rpad
        self.from = from
        self.time = time
        self.to = to
    }

    /// Makes an envelope carrying one `<body xmlns='jabber:client'/>`.
    /// - Parameters:
    ///   - body: The message text.
    ///   - from: The sender.
    ///   - date: When the envelope was made.
    ///   - rpad: The padding; by default random letters, 0 to 31 of them.
    public init(body: String, from: JID?, date: Date, rpad: String? = SCEEnvelope.randomPadding()) {
        self.init(
            content: [XMLElement(name: "body", namespace: Self.clientNamespace, text: body)],
            rpad: rpad,
            from: from,
            time: date.formatted(.iso8601)
        )
    }

    /// The text of the first `<body xmlns='jabber:client'/>` in the content, or `nil` when there is none.
    public var body: String? {
        content.first { $0.name == "body" && $0.namespace == Self.clientNamespace }?.text
    }

    /// Random padding of letters and digits (XEP-0420 §4.2).
    /// - Parameter lengths: The lengths to choose from, uniformly; by default 0 to 31.
    public static func randomPadding(lengths: Range<Int> = 0..<32) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let length = lengths.isEmpty ? 0 : Int.random(in: lengths)
        return String((0..<max(0, length)).map { _ in alphabet.randomElement() ?? "A" })
    }

    /// The envelope as an element.
    public var element: XMLElement {
        var envelope = XMLElement(name: "envelope", namespace: Self.namespace)
        envelope.append(
            XMLElement(name: "content", namespace: Self.namespace, children: content.map { .element($0) })
        )
        if let rpad {
            envelope.append(XMLElement(name: "rpad", namespace: Self.namespace, text: rpad))
        }
        if let to {
            envelope.append(
                XMLElement(
                    name: "to", namespace: Self.namespace, attributes: [XMLAttribute(name: "jid", value: to.description)])
            )
        }
        if let from {
            envelope.append(
                XMLElement(
                    name: "from",
                    namespace: Self.namespace,
                    attributes: [XMLAttribute(name: "jid", value: from.description)]
                )
            )
        }
        if let time {
            envelope.append(
                XMLElement(
                    name: "time", namespace: Self.namespace, attributes: [XMLAttribute(name: "stamp", value: time)])
            )
        }
        return envelope
    }

    /// The envelope as UTF-8 XML bytes, the application data of an MLS application message.
    public func serialized() -> [UInt8] {
        Array(XMLSerializer().serialize(element).utf8)
    }

    /// Reads an envelope from an element.
    /// - Parameter element: The `<envelope/>`.
    /// - Throws: ``SCEEnvelopeError`` when it is not an envelope, lacks `<content/>` or has a malformed affix.
    public init(element: XMLElement) throws(SCEEnvelopeError) {
        guard element.name == "envelope", element.namespace == Self.namespace else {
            throw .notAnEnvelope(name: element.name, namespace: element.namespace)
        }
        let contents = element.elements.filter { $0.name == "content" && $0.namespace == Self.namespace }
        guard let content = contents.first else { throw .missingContent }
        guard contents.count == 1 else { throw .duplicateContent }
        func affix(_ name: String) -> XMLElement? {
            element.child(named: name, namespace: Self.namespace)
        }
        var from: JID?
        if let affix = affix("from") {
            guard let text = affix.attribute("jid"), let jid = try? JID(text) else { throw .malformedAffix("from") }
            from = jid
        }
        var time: String?
        if let affix = affix("time") {
            guard let stamp = affix.attribute("stamp") else { throw .malformedAffix("time") }
            time = stamp
        }
        var to: JID?
        if let affix = affix("to") {
            guard let text = affix.attribute("jid"), let jid = try? JID(text) else { throw .malformedAffix("to") }
            to = jid
        }
        self.init(content: content.elements, rpad: affix("rpad")?.text, from: from, time: time, to: to)
    }

    /// Parses an envelope from UTF-8 XML bytes.
    /// - Parameters:
    ///   - bytes: The serialized envelope, as decrypted.
    ///   - limits: Size, depth and attribute limits; those of a stanza by default.
    /// - Throws: ``SCEEnvelopeError``: `.notWellFormed` unless the bytes are exactly one element (no declaration,
    ///   DTD, comment or processing instruction), or a case of ``init(element:)``.
    public init(serialized bytes: [UInt8], limits: XMLStreamLimits = XMLStreamLimits()) throws(SCEEnvelopeError) {
        let parser = XMLStreamParser(limits: limits)
        let open = "<stream:stream xmlns:stream='\(XMLStreamParser.streamNamespace)'>"
        var events: [XMLStreamEvent] = []
        do {
            try parser.parse(Array(open.utf8), into: &events)
            try parser.parse(bytes, into: &events)
            try parser.parse(Array("</stream:stream>".utf8), into: &events)
        } catch {
            throw .notWellFormed("\(error)")
        }
        for case .stanzaRefused(let refused) in events {
            throw .notWellFormed("the envelope breaks a limit: \(refused.violation)")
        }
        let elements: [XMLElement] = events.compactMap {
            if case .element(let element) = $0 { return element }
            return nil
        }
        guard elements.count == 1, case .streamClosed? = events.last else {
            throw .notWellFormed("expected exactly one element, found \(elements.count)")
        }
        try self.init(element: elements[0])
    }
}
